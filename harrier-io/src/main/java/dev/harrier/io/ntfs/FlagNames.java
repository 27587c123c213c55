package dev.harrier.io.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the bits in a Windows flag word. A set bit with no name is listed as its hex value,
 * so no set bit is lost.
 */
final class FlagNames {
    private final long[] bits;
    private final String[] names;

    private FlagNames(long[] bits, String[] names) {
        this.bits = bits;
        this.names = names;
    }

    /** Builds a table from alternating bit values and names. */
    static FlagNames of(Object... bitsAndNames) {
        int count = bitsAndNames.length / 2;
        long[] bits = new long[count];
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
            bits[i] = ((Number) bitsAndNames[2 * i]).longValue();
            names[i] = (String) bitsAndNames[2 * i + 1];
        }
        return new FlagNames(bits, names);
    }

    /** Returns the names of the set bits in table order, then unnamed bits as hex. */
    List<String> decode(long value) {
        List<String> result = new ArrayList<>();
        long remaining = value;
        for (int i = 0; i < bits.length; i++) {
            if ((value & bits[i]) != 0) {
                result.add(names[i]);
                remaining &= ~bits[i];
            }
        }
        for (int bit = 0; bit < 64 && remaining != 0; bit++) {
            long mask = 1L << bit;
            if ((remaining & mask) != 0) {
                result.add("0x" + Long.toHexString(mask));
                remaining &= ~mask;
            }
        }
        return result;
    }
}
