package dev.poolbench.engine.executor;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The executors behind one input of an instance, and the way an item gets in: key, rate-limit
 * token, a free slot in the first queue (blocking on a semaphore that mirrors the queue's
 * capacity), a sequence number inside the ORDERED window, then {@code execute}. A pipeline or
 * worker pool has one route; a merge has one per input; a fan-out has one with n lanes.
 */
abstract class Route {
    /** Released into every gate on cancel, so that all blocked acquirers wake up and see it. */
    static final int FLOOD = Integer.MAX_VALUE / 4;

    final ExecutorInstance<?> in;

    Route(ExecutorInstance<?> in) {
        this.in = in;
    }

    /**
     * Accepts {@code item} unless the timeout runs out first ({@code Long.MAX_VALUE}: no timeout).
     *
     * @return false if it timed out and the item was not accepted
     */
    final boolean admit(Object item, long timeoutNanos) throws InterruptedException {
        boolean forever = timeoutNanos == Long.MAX_VALUE;
        long due = forever ? 0 : System.nanoTime() + timeoutNanos;
        int keyHash = in.keyed == null ? 0 : in.keyed.keyOf(item).hashCode();
        if (in.bucket != null) {
            boolean token;
            try {
                token = in.bucket.tryAcquire(timeoutNanos, in.cancelledCheck);
            } catch (CancellationException e) {
                throw in.cancellation();
            }
            if (!token) {
                return false;
            }
        }
        int lane = reserve(keyHash, forever, due);
        if (lane < 0) {
            return false;
        }
        if (in.cancelled) {
            throw in.cancellation();
        }
        long seq = -1;
        if (in.reorderer != null) {
            seq = in.seqs.getAndIncrement();
            boolean open;
            try {
                open = in.awaitWindow(seq, forever, due);
            } catch (InterruptedException e) {
                dispatch(Envelope.gap(this, seq, lane));
                throw e;
            }
            if (!open) {
                dispatch(Envelope.gap(this, seq, lane)); // the reserved slot carries the gap to an engine thread
                return false;
            }
        }
        Envelope e = new Envelope(this, item, seq, keyHash, lane);
        in.counters.accepted();
        if (!dispatch(e)) {
            throw in.cancellation(); // only a cancel shuts an executor down while an input is open
        }
        return true;
    }

    /**
     * Takes a free slot in front of the first stage for an item with this key hash; returns the
     * lane it is for, or -1 on timeout.
     */
    abstract int reserve(int keyHash, boolean forever, long due) throws InterruptedException;

    /** Hands an envelope holding a reserved slot to its executor; false if that was shut down. */
    abstract boolean dispatch(Envelope e);

    /** Runs the envelope's current step on an executor thread. */
    abstract void run(Envelope e);

    /** The input is closed and no submitter is inside: let the executors drain and shut down. */
    abstract void inputEnded();

    /** Cancel: wake every blocked acquirer, drop queued work, interrupt running stage code. */
    abstract void cancelNow();

    /** Starts the threads that start up front. */
    abstract void start();

    /** Parts that report their end to {@link ExecutorInstance#partDone()}. */
    abstract int parts();

    /** The bound on this route's in-flight items: its buffers plus its parallelism. */
    abstract long capacity();

    abstract List<Integer> effectiveBuffers();

    /** The executors' work queues (for tests). */
    abstract List<java.util.concurrent.BlockingQueue<Runnable>> queues();

    static boolean acquire(Semaphore s, boolean forever, long due) throws InterruptedException {
        if (forever) {
            s.acquire();
            return true;
        }
        return s.tryAcquire(Math.max(0L, due - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
