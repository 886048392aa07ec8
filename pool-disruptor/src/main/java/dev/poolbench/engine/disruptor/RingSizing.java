package dev.poolbench.engine.disruptor;

import java.util.ArrayList;
import java.util.List;

/**
 * How the buffers of a pattern become one ring: the ring holds {@code Σ buffers} rounded up to
 * a power of two (the Disruptor needs one), and the rounding surplus is reported as part of the
 * first buffer, so the effective buffers still add up to exactly the ring size. Since a slot is
 * only free again once the fan-in has passed it, in-flight items never exceed the ring size,
 * which is {@code Σ effective buffers} — within the contract's bound of Σ buffers + Σ parallelism.
 */
record RingSizing(int ringSize, List<Integer> effectiveBuffers) {

    /** The largest ring this engine pre-allocates (events are allocated up front). */
    static final int MAX_RING = 1 << 24;

    static RingSizing of(List<Integer> requested) {
        long sum = 0;
        for (int b : requested) {
            sum += b;
        }
        if (sum < 1 || sum > MAX_RING) {
            throw new IllegalArgumentException("buffer: " + sum + " slots in total is invalid for the disruptor"
                    + " engine; expected 1.." + MAX_RING + " (one pre-allocated ring holds every buffer)");
        }
        int ring = Integer.highestOneBit((int) sum);
        if (ring < sum) {
            ring <<= 1;
        }
        List<Integer> effective = new ArrayList<>(requested);
        effective.set(0, effective.get(0) + (int) (ring - sum));
        return new RingSizing(ring, List.copyOf(effective));
    }
}
