package dev.poolbench.harness.jmh;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One consumer's work and record in a topology benchmark: it adds each item's {@code long} to its
 * sum (the LMAX perftests' {@code ValueAdditionEventHandler} work) and counts the items. One
 * writer at a time (the consumer's thread, or whoever holds the stage's permit); the count is
 * published with a release store after the sum, so a thread that reads the count sees the sum
 * that goes with it. The last consumer of a topology also tells the {@link BatchEnd} when the
 * batch's final item arrived.
 *
 * <p>Padded on both sides (128 bytes, the adjacent-line prefetch pair): the tallies of a pipeline's
 * consumers are allocated next to each other, and without padding each consumer's writes would
 * invalidate its neighbours' lines on every item (false sharing).
 */
final class StageTally extends TallyFields {

    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(TallyFields.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final BatchEnd end;

    /** @param end the batch's end, for the last consumer of the topology; null for the others */
    StageTally(String name, BatchEnd end) {
        this.name = name;
        this.end = end;
    }

    /** The consumer's work for one item. */
    void add(long value) {
        sum += value;
        long c = count + 1;
        COUNT.setRelease(this, c);
        if (end != null && c == end.target()) {
            end.reached();
        }
    }

    /** Items seen so far (acquire: the sum read after it is at least as recent). */
    long count() {
        return (long) COUNT.getAcquire(this);
    }

    long sum() {
        return sum;
    }

    String name() {
        return name;
    }
}
