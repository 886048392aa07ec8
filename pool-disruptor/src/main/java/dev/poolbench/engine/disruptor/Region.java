package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.Sequence;

import java.util.concurrent.locks.LockSupport;

/**
 * The items one stage may hold — waiting in front of it or running in it — kept to the stage's
 * buffer plus its parallelism by sequence number: item {@code n} may enter only once
 * {@code n ≤ min(exit sequences) + capacity}, where the exit sequences are the stage's shards
 * (the fan-in for the last stage, whose items are held until the sink has them, as an executor
 * worker holds its item while it calls the sink). Entry is granted in sequence order, so a
 * waiter never waits on an item behind it, and no two regions wait on each other.
 */
final class Region {
    private final long capacity;
    private Sequence[] exits = new Sequence[0];

    Region(long capacity) {
        this.capacity = capacity;
    }

    long capacity() {
        return capacity;
    }

    /** The sequences that leave this region (set once the chain is built, before the ring starts). */
    void exits(Sequence... sequences) {
        this.exits = sequences.clone();
    }

    boolean admits(long sequence) {
        return sequence <= admitsUpTo();
    }

    /** The last sequence that may enter now; it only grows, so a caller may keep it until it is passed. */
    long admitsUpTo() {
        if (exits.length == 0) {
            return Long.MAX_VALUE; // not wired yet: nothing leaves, nothing to bound against
        }
        long min = Long.MAX_VALUE;
        for (Sequence s : exits) {
            min = Math.min(min, s.get());
        }
        return min + capacity;
    }

    /**
     * Waits until {@code sequence} may enter, backing off from spinning to parking; false if
     * {@code stop} said so first (a cancel).
     */
    boolean await(long sequence, java.util.function.BooleanSupplier stop) {
        int rounds = 0;
        while (!admits(sequence)) {
            if (stop.getAsBoolean()) {
                return false;
            }
            rounds = BackOff.pause(rounds, Long.MAX_VALUE);
        }
        return true;
    }

    /**
     * Spin, then yield, then park with a doubling pause up to {@value #MAX_PARK_NANOS} ns. The
     * state is the round count a caller keeps in a local, so waiting allocates nothing.
     *
     * <p>Many yields before the first park: a full region means the stage after it has that many
     * items to work through, so the wait is usually a few microseconds, and a yield hands the core
     * to exactly that work, while the shortest park sleeps the OS timer slack (≈ 50–60 µs here).
     * With 16 yields, pipeline3 in {@code EngineHandoffBenchmark} cost 1,163 ns/item against the
     * raw ring's 323: each full region stalled the stage in front of it for a whole timer slack.
     */
    static final class BackOff {
        static final long MAX_PARK_NANOS = 1_000_000;
        private static final int SPINS = 64;
        /**
         * The round count a producer starts from: it skips the spins. A producer finds the ring
         * or its permit full when the handlers are behind, and a spin keeps from them the core
         * they need (64 spins are a few µs); the raw ring's producer yields at once too.
         */
        static final int YIELD_FIRST = SPINS;
        private static final int YIELDS = 256;

        private BackOff() {
        }

        /** One round of waiting, never longer than {@code leftNanos}; returns the next round count. */
        static int pause(int rounds, long leftNanos) {
            if (rounds < SPINS) {
                Thread.onSpinWait();
            } else if (rounds < SPINS + YIELDS) {
                Thread.yield();
            } else {
                long park = 1_000L << Math.min(10, rounds - SPINS - YIELDS);
                LockSupport.parkNanos(Math.min(Math.min(park, MAX_PARK_NANOS), leftNanos));
            }
            return rounds == Integer.MAX_VALUE ? rounds : rounds + 1;
        }
    }
}
