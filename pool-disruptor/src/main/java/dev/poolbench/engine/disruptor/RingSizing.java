package dev.poolbench.engine.disruptor;

import java.util.List;

/**
 * How a pattern becomes one ring: the ring holds {@code Σ buffers + Σ parallelism} rounded up
 * to a power of two (the Disruptor needs one). The ring is only the outer wall: what the
 * instance admits is set by each stage's {@link Region} (its buffer plus its parallelism), so
 * p items can run at once in a stage of parallelism p, at most {@code Σ buffers + Σ parallelism}
 * are ever in flight, and the effective buffers are the requested ones (the rounding surplus
 * of the ring is never used).
 */
record RingSizing(int ringSize, List<Integer> effectiveBuffers) {

    /** The largest ring this engine pre-allocates (events are allocated up front). */
    static final int MAX_RING = 1 << 24;

    /**
     * @param requested   the buffer of each stage or lane, as the pattern asked for it
     * @param parallelism Σ parallelism: every stage's handler shards together
     */
    static RingSizing of(List<Integer> requested, int parallelism) {
        long sum = parallelism;
        for (int b : requested) {
            sum += b;
        }
        if (sum < 1 || sum > MAX_RING) {
            throw new IllegalArgumentException("buffer: " + sum + " slots (buffers + parallelism) in total is invalid"
                    + " for the disruptor engine; expected 1.." + MAX_RING + " (one pre-allocated ring holds them all)");
        }
        int ring = Integer.highestOneBit((int) sum);
        if (ring < sum) {
            ring <<= 1;
        }
        return new RingSizing(ring, List.copyOf(requested));
    }
}
