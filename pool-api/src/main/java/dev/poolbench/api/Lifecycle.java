package dev.poolbench.api;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Ending a running instance. {@link #close} and {@link #cancel} are idempotent. After
 * termination every accepted item has ended in exactly one of output, filtered, failed or
 * cancelled, and no thread the engine started is alive.
 */
public interface Lifecycle extends AutoCloseable {

    /**
     * No more input: waits until every accepted item is drained and the instance terminated,
     * then reports how it ended. If the waiting thread is interrupted, the instance is cancelled,
     * the wait goes on, and the interrupt status is set again on return.
     *
     * @throws PatternFailedException if an item failed under {@link ErrorPolicy#FAIL_FAST}, or the
     *                                sink threw
     * @throws Error                  the first {@link Error} a stage threw, rethrown as is
     * @throws CancellationException  if the instance was cancelled (cause: what was given to
     *                                {@link #cancel(Throwable)}, a {@link java.util.concurrent.TimeoutException}
     *                                for an expired deadline)
     */
    @Override
    void close();

    /**
     * Aborts: no new item starts; submitters, also those already blocked, get
     * {@link CancellationException}; stage code blocked interruptibly is interrupted; items not
     * finished are counted cancelled. Returns at once; use {@link #awaitTermination} to wait.
     */
    void cancel(Throwable cause);

    default void cancel() {
        cancel(new CancellationException("cancelled by the caller"));
    }

    /**
     * Waits until the instance has terminated (after {@link #close} or {@link #cancel}); false if
     * the timeout elapsed first, as it does while stage code that ignores cancellation still runs.
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;

    boolean isTerminated();

    /** A live snapshot of the outcome counters. */
    PatternStats stats();
}
