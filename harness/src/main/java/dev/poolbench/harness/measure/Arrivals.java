package dev.poolbench.harness.measure;

import java.util.SplittableRandom;

/**
 * An open-loop arrival schedule (wrk2-style): the intended start of each item, fixed before the
 * pass begins, whatever the system under test does. Constant spacing, or Poisson (exponential
 * gaps) from a seeded random source.
 */
public final class Arrivals {

    /** Arrival processes. */
    public enum Kind { CONSTANT, POISSON }

    private final double meanGapNanos;
    private final SplittableRandom random;
    private double next;

    public Arrivals(Kind kind, double ratePerSecond, long seed) {
        this(kind, ratePerSecond, seed, 0);
    }

    /**
     * A schedule whose first item is due {@code firstOffsetNanos} after the start: producers of a
     * multi-input scenario are staggered by a fraction of the gap so their arrivals interleave.
     */
    public Arrivals(Kind kind, double ratePerSecond, long seed, double firstOffsetNanos) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("arrival rate: " + ratePerSecond + " is invalid; expected items/s > 0");
        }
        this.meanGapNanos = 1e9 / ratePerSecond;
        this.random = kind == Kind.POISSON ? new SplittableRandom(seed) : null;
        this.next = firstOffsetNanos;
    }

    /** The mean gap between arrivals, ns. */
    public double meanGapNanos() {
        return meanGapNanos;
    }

    /** Nanoseconds from the start of the pass to the intended start of the next item. */
    public long nextOffsetNanos() {
        long at = (long) next;
        next += random == null ? meanGapNanos : -Math.log(1.0 - random.nextDouble()) * meanGapNanos;
        return at;
    }
}
