package dev.poolbench.harness.jmh;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of one batch of a topology benchmark, as the LMAX perftests wait for it: the producer
 * announces the count its last consumer will have reached when the batch is done, publishes the
 * batch, then parks until that consumer gets there ({@code latch.await()} in the perftests). The
 * consumer checks one volatile field per item and unparks the producer once.
 *
 * <p>It never hangs: a consumer or helper thread that failed is reported through {@link #fail}
 * and rethrown here, and a batch whose last consumer made no progress for {@link #STALL_NANOS}
 * has lost items, which is an error too.
 */
final class BatchEnd {

    /** A batch whose last consumer has not moved for this long lost items. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;
    private volatile Throwable failure;

    /** The count that ends the current batch (read by the last consumer on every item). */
    long target() {
        return target;
    }

    /** Before the batch's first item: the last consumer's count once it is done. */
    void expect(long count) {
        waiter = Thread.currentThread();
        target = count;
    }

    /** Called by the last consumer when its count reached the target. */
    void reached() {
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** A consumer or producer thread failed: the waiting benchmark thread rethrows it. */
    void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        reached();
    }

    /** Parks until {@code last} counted the target; throws on a failure or a stall. */
    void await(StageTally last) {
        long goal = target;
        long seen = last.count();
        long lastProgress = System.nanoTime();
        while (seen < goal) {
            checkFailure();
            LockSupport.parkNanos(this, 1_000_000);
            long now = last.count();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IllegalStateException("lost items: " + last.name() + " counted " + seen + " of " + goal
                        + " and nothing more for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
            }
        }
        checkFailure();
    }

    void checkFailure() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a topology thread failed: " + f, f);
        }
    }
}
