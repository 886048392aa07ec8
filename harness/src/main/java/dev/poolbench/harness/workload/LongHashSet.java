package dev.poolbench.harness.workload;

/** A set of longs with open addressing (no boxing); not thread-safe. */
final class LongHashSet {
    private static final long EMPTY = 0;
    private long[] slots = new long[1024];
    private boolean hasZero;
    private int size;

    /** Adds {@code v}; false if it was present. */
    boolean add(long v) {
        if (v == EMPTY) {
            boolean added = !hasZero;
            hasZero = true;
            if (added) {
                size++;
            }
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        boolean added = insert(slots, v);
        if (added) {
            size++;
        }
        return added;
    }

    int size() {
        return size;
    }

    private boolean insert(long[] table, long v) {
        int mask = table.length - 1;
        int i = (int) Hashing.mix(v) & mask;
        while (table[i] != EMPTY) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != EMPTY) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }
}
