package dev.poolbench.engine.executor;

import dev.poolbench.api.MergeInput;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One input of an executor instance, in front of its {@link Route}. {@code state} is twice the
 * number of submitters inside plus a closed bit, so that whoever sees "closed and nobody inside"
 * last (the closer or the last submitter out) ends the input, and no item can be dispatched
 * after that.
 */
final class ExecutorInput<I> implements MergeInput<I> {
    private final ExecutorInstance<I> in;
    private final Route route;
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();

    ExecutorInput(ExecutorInstance<I> in, Route route) {
        this.in = in;
        this.route = route;
    }

    @Override
    public void submit(I item) throws InterruptedException {
        accept(item, Long.MAX_VALUE);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        return accept(item, nanos == Long.MAX_VALUE ? Long.MAX_VALUE - 1 : Math.max(0, nanos));
    }

    private boolean accept(I item, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        int s = state.addAndGet(2);
        try {
            if (in.cancelled) {
                throw in.cancellation();
            }
            if ((s & 1) != 0) {
                throw new IllegalStateException("submit after close");
            }
            return route.admit(item, timeoutNanos);
        } finally {
            if (state.addAndGet(-2) == 1) {
                end();
            }
        }
    }

    @Override
    public void close() {
        int before = state.getAndUpdate(x -> x | 1);
        if (before == 0) {
            end();
        }
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            route.inputEnded();
            in.partDone();
        }
    }
}
