package dev.poolbench.api;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * The input side of a running instance. Several threads may submit concurrently unless the
 * instance was built {@link PatternOptions#singleProducer() single-producer}.
 */
public interface Input<I> {

    /**
     * Hands one item to the instance, blocking while its bound is reached (and while the rate
     * limit withholds a token).
     *
     * @throws NullPointerException  if {@code item} is null
     * @throws IllegalStateException if this input was closed
     * @throws CancellationException if the instance was cancelled or failed, also while blocked here
     * @throws InterruptedException  if the calling thread is interrupted while blocked here
     */
    void submit(I item) throws InterruptedException;

    /**
     * Like {@link #submit} but gives up after {@code timeout}: returns false, and the item was
     * not accepted.
     */
    boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException;
}
