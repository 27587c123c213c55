package dev.harrier.io.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

class BinXmlValuesTest {
    private static byte[] littleEndian(int size, java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(buffer);
        return buffer.array();
    }

    @Test
    void guidRendersUpperCaseInBraces() {
        byte[] data =
                littleEndian(
                        16,
                        b -> {
                            b.putInt(0x5770385F).putShort((short) 0xC22A).putShort((short) 0x43E0);
                            b.put(
                                    new byte[] {
                                        (byte) 0xBF,
                                        0x4C,
                                        0x06,
                                        (byte) 0xF5,
                                        0x69,
                                        (byte) 0x8F,
                                        (byte) 0xFB,
                                        (byte) 0xD9
                                    });
                        });

        assertThat(BinXmlValues.decode(data, 0, 16, BinXmlValues.GUID))
                .isEqualTo("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}");
    }

    @Test
    void sidRendersWellKnownSystemAccount() {
        byte[] data = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};

        assertThat(BinXmlValues.decode(data, 0, data.length, BinXmlValues.SID))
                .isEqualTo("S-1-5-18");
    }

    @Test
    void sidRendersDomainAccount() {
        byte[] data =
                littleEndian(
                        28,
                        b -> {
                            b.put((byte) 1).put((byte) 5).put(new byte[] {0, 0, 0, 0, 0, 5});
                            b.putInt(21)
                                    .putInt(1004336348)
                                    .putInt(1177238915)
                                    .putInt(682003330)
                                    .putInt(512);
                        });

        assertThat(BinXmlValues.decode(data, 0, data.length, BinXmlValues.SID))
                .isEqualTo("S-1-5-21-1004336348-1177238915-682003330-512");
    }

    @Test
    void filetimeRendersSevenFractionDigits() {
        // 2019-03-19T23:34:10.1234567Z as 100 ns ticks since 1601-01-01.
        long filetime = (1553038450L + 11_644_473_600L) * 10_000_000L + 1_234_567L;
        byte[] data = littleEndian(8, b -> b.putLong(filetime));

        assertThat(BinXmlValues.decode(data, 0, 8, BinXmlValues.FILETIME))
                .isEqualTo("2019-03-19T23:34:10.1234567Z");
    }

    @Test
    void systemtimeRendersMillisecondsAsSevenDigits() {
        byte[] data =
                littleEndian(
                        16,
                        b -> {
                            for (int field : new int[] {2021, 12, 6, 4, 7, 5, 9, 123}) {
                                b.putShort((short) field);
                            }
                        });

        assertThat(BinXmlValues.decode(data, 0, 16, BinXmlValues.SYSTEMTIME))
                .isEqualTo("2021-12-04T07:05:09.1230000Z");
    }

    @Test
    void hexIntegersRenderLikeWindows() {
        byte[] int64 = littleEndian(8, b -> b.putLong(0x8000000000000000L));
        byte[] int32 = littleEndian(4, b -> b.putInt(0xc000006d));

        assertThat(BinXmlValues.decode(int64, 0, 8, BinXmlValues.HEX_INT64))
                .isEqualTo("0x8000000000000000");
        assertThat(BinXmlValues.decode(int32, 0, 4, BinXmlValues.HEX_INT32))
                .isEqualTo("0xc000006d");
    }

    @Test
    void integersBecomeLongs() {
        byte[] data = littleEndian(8, b -> b.putLong(-1L));

        assertThat(BinXmlValues.decode(data, 0, 1, BinXmlValues.INT8)).isEqualTo(-1L);
        assertThat(BinXmlValues.decode(data, 0, 1, BinXmlValues.UINT8)).isEqualTo(255L);
        assertThat(BinXmlValues.decode(data, 0, 2, BinXmlValues.INT16)).isEqualTo(-1L);
        assertThat(BinXmlValues.decode(data, 0, 2, BinXmlValues.UINT16)).isEqualTo(65535L);
        assertThat(BinXmlValues.decode(data, 0, 4, BinXmlValues.INT32)).isEqualTo(-1L);
        assertThat(BinXmlValues.decode(data, 0, 4, BinXmlValues.UINT32)).isEqualTo(4294967295L);
        assertThat(BinXmlValues.decode(data, 0, 8, BinXmlValues.INT64)).isEqualTo(-1L);
        assertThat(BinXmlValues.decode(data, 0, 8, BinXmlValues.UINT64))
                .isEqualTo("18446744073709551615");
    }

    @Test
    void realsBoolsAndSizeT() {
        byte[] real32 = littleEndian(4, b -> b.putFloat(1.5f));
        byte[] real64 = littleEndian(8, b -> b.putDouble(100.0));
        byte[] bool = littleEndian(4, b -> b.putInt(2));
        byte[] sizeT = littleEndian(8, b -> b.putLong(0x7ffe0000L));

        assertThat(BinXmlValues.decode(real32, 0, 4, BinXmlValues.REAL32)).isEqualTo("1.5");
        assertThat(BinXmlValues.decode(real64, 0, 8, BinXmlValues.REAL64)).isEqualTo("100");
        assertThat(BinXmlValues.decode(bool, 0, 4, BinXmlValues.BOOL)).isEqualTo("true");
        assertThat(BinXmlValues.decode(new byte[4], 0, 4, BinXmlValues.BOOL)).isEqualTo("false");
        assertThat(BinXmlValues.decode(sizeT, 0, 8, BinXmlValues.SIZE_T)).isEqualTo("0x7ffe0000");
    }

    @Test
    void stringsKeepNonAsciiAndDropTrailingNul() {
        byte[] data = "Служба 停止\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] ansi = "caf\u00e9\0".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(BinXmlValues.decode(data, 0, data.length, BinXmlValues.STRING))
                .isEqualTo("Служба 停止");
        assertThat(BinXmlValues.decode(ansi, 0, ansi.length, BinXmlValues.ANSI_STRING))
                .isEqualTo("caf\u00e9");
    }

    @Test
    void binaryRendersUpperCaseHex() {
        byte[] data = {0x00, (byte) 0xab, 0x10, (byte) 0xff};

        assertThat(BinXmlValues.decode(data, 0, 4, BinXmlValues.BINARY)).isEqualTo("00AB10FF");
    }

    @Test
    void arraysBecomeLists() {
        byte[] strings = "one\0two\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] words =
                littleEndian(6, b -> b.putShort((short) 1).putShort((short) 2).putShort((short) 3));
        byte[] sids = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 5, 19, 0, 0, 0};

        assertThat(BinXmlValues.decode(strings, 0, strings.length, 0x81))
                .isEqualTo(List.of("one", "two"));
        assertThat(BinXmlValues.decode(words, 0, 6, 0x86)).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(BinXmlValues.decode(sids, 0, sids.length, 0x93))
                .isEqualTo(List.of("S-1-5-18", "S-1-5-19"));
    }

    @Test
    void instantParsesSevenFractionDigits() {
        assertThat(WindowsTime.parseInstant("2019-03-19T23:34:10.1234567Z"))
                .isEqualTo(java.time.Instant.parse("2019-03-19T23:34:10.1234567Z"));
        assertThat(WindowsTime.parseInstant("not a time")).isNull();
    }

    @Test
    void looksLikeEvtxChecksSignature() {
        assertThat(EvtxFormat.looksLikeEvtx("ElfFile\0rest".getBytes(StandardCharsets.US_ASCII)))
                .isTrue();
        assertThat(EvtxFormat.looksLikeEvtx("ElfChnk\0".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(EvtxFormat.looksLikeEvtx(new byte[3])).isFalse();
        assertThat(EvtxFormat.looksLikeEvtx(null)).isFalse();
    }
}
