package dev.harrier.io.evtx;

import static dev.harrier.io.evtx.EvtxBytes.rawU16;
import static dev.harrier.io.evtx.EvtxBytes.rawU32;
import static dev.harrier.io.evtx.EvtxBytes.rawU64;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decoding of binary XML substitution values into event field values, rendered as Windows renders
 * them in event XML.
 *
 * <p>Integer types become {@link Long} (an unsigned 64-bit value above {@link Long#MAX_VALUE}
 * becomes its decimal text); every other type becomes {@link String}; array types become a {@link
 * List} of their elements. Nested binary XML (type 0x21) is not handled here, because it needs the
 * chunk's name and template caches.
 */
final class BinXmlValues {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI_STRING = 0x02;
    static final int INT8 = 0x03;
    static final int UINT8 = 0x04;
    static final int INT16 = 0x05;
    static final int UINT16 = 0x06;
    static final int INT32 = 0x07;
    static final int UINT32 = 0x08;
    static final int INT64 = 0x09;
    static final int UINT64 = 0x0a;
    static final int REAL32 = 0x0b;
    static final int REAL64 = 0x0c;
    static final int BOOL = 0x0d;
    static final int BINARY = 0x0e;
    static final int GUID = 0x0f;
    static final int SIZE_T = 0x10;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int SID = 0x13;
    static final int HEX_INT32 = 0x14;
    static final int HEX_INT64 = 0x15;
    static final int EVT_HANDLE = 0x20;
    static final int BINXML = 0x21;
    static final int EVT_XML = 0x23;
    static final int ARRAY_FLAG = 0x80;

    /** ANSI strings carry no code page; Windows-1252 is the usual one on Western systems. */
    private static final Charset ANSI = windows1252();

    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private BinXmlValues() {}

    private static Charset windows1252() {
        try {
            return Charset.forName("windows-1252");
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    /**
     * Decodes {@code size} bytes at {@code offset} as a value of {@code type}. The caller has
     * checked that the range lies inside the data.
     *
     * @throws EvtxFormatException when the type is unknown or the size does not fit the type
     */
    static Object decode(byte[] data, int offset, int size, int type) {
        if ((type & ARRAY_FLAG) != 0) {
            return decodeArray(data, offset, size, type & ~ARRAY_FLAG);
        }
        switch (type) {
            case NULL:
                return null;
            case STRING:
                return utf16(data, offset, size);
            case ANSI_STRING:
                return ansi(data, offset, size);
            case INT8:
                return (long) data[offset];
            case UINT8:
                return (long) (data[offset] & 0xff);
            case INT16:
                expectSize(offset, size, 2, type);
                return (long) (short) rawU16(data, offset);
            case UINT16:
                expectSize(offset, size, 2, type);
                return (long) rawU16(data, offset);
            case INT32:
                expectSize(offset, size, 4, type);
                return (long) rawU32(data, offset);
            case UINT32:
                expectSize(offset, size, 4, type);
                return rawU32(data, offset) & 0xffffffffL;
            case INT64:
                expectSize(offset, size, 8, type);
                return rawU64(data, offset);
            case UINT64:
                expectSize(offset, size, 8, type);
                return unsigned64(rawU64(data, offset));
            case REAL32:
                expectSize(offset, size, 4, type);
                return realText(Float.intBitsToFloat(rawU32(data, offset)));
            case REAL64:
                expectSize(offset, size, 8, type);
                return realText(Double.longBitsToDouble(rawU64(data, offset)));
            case BOOL:
                return bool(data, offset, size);
            case BINARY:
            case EVT_HANDLE:
            case EVT_XML:
                return hex(data, offset, size);
            case GUID:
                expectSize(offset, size, 16, type);
                return guid(data, offset);
            case SIZE_T:
                // NOTE: size_t is rendered as lower-case hex with 0x, like the hex integer types.
                // No sample in the test corpus shows how Windows renders it.
                if (size == 4) {
                    return "0x" + Long.toHexString(rawU32(data, offset) & 0xffffffffL);
                }
                expectSize(offset, size, 8, type);
                return "0x" + Long.toHexString(rawU64(data, offset));
            case FILETIME:
                expectSize(offset, size, 8, type);
                return WindowsTime.formatFiletime(rawU64(data, offset));
            case SYSTEMTIME:
                expectSize(offset, size, 16, type);
                return systemtime(data, offset);
            case SID:
                return sid(data, offset, size);
            case HEX_INT32:
                expectSize(offset, size, 4, type);
                return "0x" + Integer.toHexString(rawU32(data, offset));
            case HEX_INT64:
                expectSize(offset, size, 8, type);
                return "0x" + Long.toHexString(rawU64(data, offset));
            default:
                throw new EvtxFormatException(
                        offset,
                        String.format(
                                "unknown value type 0x%02x at chunk offset 0x%x", type, offset));
        }
    }

    /** Returns the fixed size of a scalar type, or -1 for a type whose size varies. */
    static int fixedSize(int type) {
        switch (type) {
            case INT8:
            case UINT8:
                return 1;
            case INT16:
            case UINT16:
                return 2;
            case INT32:
            case UINT32:
            case REAL32:
            case BOOL:
            case HEX_INT32:
                return 4;
            case INT64:
            case UINT64:
            case REAL64:
            case FILETIME:
            case HEX_INT64:
                return 8;
            case GUID:
            case SYSTEMTIME:
                return 16;
            default:
                return -1;
        }
    }

    private static List<Object> decodeArray(byte[] data, int offset, int size, int elementType) {
        List<Object> values = new ArrayList<>();
        int end = offset + size;
        if (elementType == STRING) {
            int start = offset;
            for (int i = offset; i + 1 < end; i += 2) {
                if (data[i] == 0 && data[i + 1] == 0) {
                    values.add(decodeUtf16(data, start, (i - start) / 2));
                    start = i + 2;
                }
            }
            if (start + 1 < end) {
                values.add(utf16(data, start, end - start));
            }
            return values;
        }
        if (elementType == ANSI_STRING) {
            int start = offset;
            for (int i = offset; i < end; i++) {
                if (data[i] == 0) {
                    values.add(new String(data, start, i - start, ANSI));
                    start = i + 1;
                }
            }
            if (start < end) {
                values.add(new String(data, start, end - start, ANSI));
            }
            return values;
        }
        if (elementType == SID) {
            int position = offset;
            while (position + 8 <= end) {
                int length = 8 + 4 * (data[position + 1] & 0xff);
                if (position + length > end) {
                    break;
                }
                values.add(sid(data, position, length));
                position += length;
            }
            return values;
        }
        int elementSize = elementType == SIZE_T ? 8 : fixedSize(elementType);
        if (elementSize <= 0) {
            throw new EvtxFormatException(
                    offset,
                    String.format(
                            "unsupported array value type 0x%02x at chunk offset 0x%x",
                            elementType | ARRAY_FLAG, offset));
        }
        for (int position = offset; position + elementSize <= end; position += elementSize) {
            values.add(decode(data, position, elementSize, elementType));
        }
        return values;
    }

    private static void expectSize(int offset, int size, int expected, int type) {
        if (size != expected) {
            throw new EvtxFormatException(
                    offset,
                    String.format(
                            "value of type 0x%02x at chunk offset 0x%x: expected %d bytes, found"
                                + " %d",
                            type, offset, expected, size));
        }
    }

    private static Object unsigned64(long value) {
        return value >= 0 ? (Object) value : Long.toUnsignedString(value);
    }

    /** Decodes UTF-16LE text and drops trailing NUL characters. */
    static String utf16(byte[] data, int offset, int size) {
        int end = offset + (size & ~1);
        while (end >= offset + 2 && data[end - 1] == 0 && data[end - 2] == 0) {
            end -= 2;
        }
        return decodeUtf16(data, offset, (end - offset) / 2);
    }

    /**
     * Decodes {@code count} UTF-16LE code units. Faster than {@code new String(..., UTF_16LE)},
     * which goes through a charset decoder; unpaired surrogates are kept as they are.
     */
    static String decodeUtf16(byte[] data, int offset, int count) {
        char[] chars = new char[count];
        for (int i = 0; i < count; i++) {
            int position = offset + 2 * i;
            chars[i] = (char) ((data[position] & 0xff) | (data[position + 1] & 0xff) << 8);
        }
        return new String(chars);
    }

    private static String ansi(byte[] data, int offset, int size) {
        int end = offset + size;
        while (end > offset && data[end - 1] == 0) {
            end--;
        }
        return new String(data, offset, end - offset, ANSI);
    }

    private static String bool(byte[] data, int offset, int size) {
        for (int i = offset; i < offset + size; i++) {
            if (data[i] != 0) {
                return "true";
            }
        }
        return "false";
    }

    private static String realText(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
        return decimal.scale() < 0 ? decimal.setScale(0).toPlainString() : decimal.toPlainString();
    }

    /** Renders bytes as upper-case hexadecimal without separators. */
    static String hex(byte[] data, int offset, int size) {
        char[] text = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int b = data[offset + i] & 0xff;
            text[2 * i] = HEX_UPPER[b >>> 4];
            text[2 * i + 1] = HEX_UPPER[b & 0xf];
        }
        return new String(text);
    }

    /** Renders a GUID the way Windows does: {@code {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}}. */
    static String guid(byte[] data, int offset) {
        char[] text = new char[38];
        text[0] = '{';
        int position = 1;
        position = hexDigits(text, position, rawU32(data, offset) & 0xffffffffL, 8);
        text[position++] = '-';
        position = hexDigits(text, position, rawU16(data, offset + 4), 4);
        text[position++] = '-';
        position = hexDigits(text, position, rawU16(data, offset + 6), 4);
        text[position++] = '-';
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                text[position++] = '-';
            }
            position = hexDigits(text, position, data[offset + i] & 0xff, 2);
        }
        text[position] = '}';
        return new String(text);
    }

    private static int hexDigits(char[] text, int position, long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            text[position + i] = HEX_UPPER[(int) (value & 0xf)];
            value >>>= 4;
        }
        return position + width;
    }

    private static String systemtime(byte[] data, int offset) {
        int[] fields = new int[8];
        for (int i = 0; i < 8; i++) {
            fields[i] = rawU16(data, offset + 2 * i);
        }
        return WindowsTime.formatSystemtime(fields);
    }

    /**
     * Renders a security identifier as {@code S-revision-authority-subauthority...}. The identifier
     * authority is a 48-bit big-endian value; the sub-authorities are 32-bit little-endian values.
     */
    static String sid(byte[] data, int offset, int size) {
        if (size < 8) {
            throw new EvtxFormatException(
                    offset,
                    String.format("SID at chunk offset 0x%x is %d bytes, below 8", offset, size));
        }
        int revision = data[offset] & 0xff;
        int subAuthorityCount = data[offset + 1] & 0xff;
        if (8 + 4 * subAuthorityCount > size) {
            throw new EvtxFormatException(
                    offset,
                    String.format(
                            "SID at chunk offset 0x%x declares %d sub-authorities but is %d bytes",
                            offset, subAuthorityCount, size));
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = (authority << 8) | (data[offset + i] & 0xff);
        }
        StringBuilder text = new StringBuilder(12 + 11 * subAuthorityCount);
        text.append("S-").append(revision).append('-').append(authority);
        for (int i = 0; i < subAuthorityCount; i++) {
            text.append('-').append(rawU32(data, offset + 8 + 4 * i) & 0xffffffffL);
        }
        return text.toString();
    }
}
