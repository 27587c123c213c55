package dev.harrier.io.ntfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of the bits in a Windows flag word. A set bit with no name is listed as its hex value, so
 * no set bit is lost.
 */
final class FlagNames {
    private final long[] bits;
    private final String[] names;

    private FlagNames(long[] bits, String[] names) {
        this.bits = bits;
        this.names = names;
    }

    /** Starts an empty table. */
    static Builder builder() {
        return new Builder();
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

    /** Collects bits and their names in display order. */
    static final class Builder {
        private final List<Long> bits = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        Builder add(long bit, String name) {
            bits.add(bit);
            names.add(name);
            return this;
        }

        FlagNames build() {
            long[] bitArray = new long[bits.size()];
            for (int i = 0; i < bitArray.length; i++) {
                bitArray[i] = bits.get(i);
            }
            return new FlagNames(bitArray, names.toArray(new String[0]));
        }
    }
}
