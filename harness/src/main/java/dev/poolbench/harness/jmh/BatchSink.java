package dev.poolbench.harness.jmh;

import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one consumer at the end of every hand-off benchmark, engine or raw, and the end of a batch's
 * round trip: the benchmark thread submits a batch, then {@link #awaitBatch} parks until the
 * sink has seen the batch's last item. Measuring to the last output (not to the last submit)
 * keeps the backlog in the figure: a pattern that accepts fast but drains slowly scores slowly.
 *
 * <p>Counting doubles as the check (the {@code failIfNot} habit): a batch that loses items throws
 * after {@link #STALL_NANOS} without progress instead of hanging; one that duplicates items throws
 * when the count passes the target; {@link #verifyTotal} checks the final count after close.
 * A worker failure handed to {@link #fail} is rethrown by the waiting benchmark thread.
 */
final class BatchSink implements Sink<Parcel> {

    /** A batch whose output count has not moved for this long has lost items. */
    static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong delivered = new AtomicLong();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;
    private volatile Throwable failure;

    /** Called serially by the pattern (the contract's sink discipline, or the raw code's lock). */
    @Override
    public void onOutput(Parcel p) {
        deliver(p);
    }

    @Override
    public void onFailure(Failure failure) {
        fail(new IllegalStateException("item failed: " + failure));
    }

    /** The raw baselines' entry: same as {@link #onOutput}. */
    void deliver(Parcel p) {
        HandoffLatency.record(p);
        if (delivered.incrementAndGet() >= target) {
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** A worker's unexpected failure: the waiting benchmark thread rethrows it. */
    void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        }
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Announces a batch of {@code n} before its first submit; returns the count to wait for. */
    long expect(int n) {
        waiter = Thread.currentThread();
        long t = delivered.get() + n;
        target = t;
        return t;
    }

    /** Parks until {@code expected} outputs arrived; throws if items were lost or duplicated. */
    void awaitBatch(long expected) {
        long seen = delivered.get();
        long lastProgress = System.nanoTime();
        while (seen < expected) {
            checkFailure();
            LockSupport.parkNanos(this, 1_000_000);
            long now = delivered.get();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL_NANOS) {
                throw new IllegalStateException("lost items: expected " + expected + " outputs, the sink saw " + seen
                        + " and nothing more for " + TimeUnit.NANOSECONDS.toSeconds(STALL_NANOS) + " s");
            }
        }
        checkFailure();
        if (seen > expected) {
            throw new IllegalStateException("duplicated items: expected " + expected + " outputs, the sink saw " + seen);
        }
    }

    /** After the pattern ended: exactly {@code submitted} outputs, no failure. */
    void verifyTotal(long submitted) {
        checkFailure();
        long d = delivered.get();
        if (d != submitted) {
            throw new IllegalStateException("submitted " + submitted + " items but the sink saw " + d);
        }
    }

    long delivered() {
        return delivered.get();
    }

    private void checkFailure() {
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("a worker failed: " + f, f);
        }
    }
}
