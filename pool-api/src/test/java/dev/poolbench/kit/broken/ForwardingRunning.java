package dev.poolbench.kit.broken;

import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;

import java.util.concurrent.TimeUnit;

/** A running instance that forwards every call; a planted bug overrides the one it breaks. */
class ForwardingRunning<I> implements Running<I> {
    protected final Running<I> delegate;

    ForwardingRunning(Running<I> delegate) {
        this.delegate = delegate;
    }

    @Override
    public void submit(I item) throws InterruptedException {
        delegate.submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.offer(item, timeout, unit);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public void cancel(Throwable cause) {
        delegate.cancel(cause);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public PatternStats stats() {
        return delegate.stats();
    }
}
