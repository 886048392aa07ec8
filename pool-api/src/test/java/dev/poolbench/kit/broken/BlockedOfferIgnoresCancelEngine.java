package dev.poolbench.kit.broken;

import dev.poolbench.api.Running;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/** Planted bug: an {@code offer} blocked when the instance is cancelled keeps waiting out its timeout, then says false. */
final class BlockedOfferIgnoresCancelEngine extends ForwardingEngine {
    @Override
    protected <I> Running<I> running(Running<I> r) {
        return new ForwardingRunning<>(r) {
            @Override
            public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
                long due = System.nanoTime() + unit.toNanos(timeout);
                try {
                    return delegate.offer(item, timeout, unit);
                } catch (CancellationException ignored) {
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime())); // the bug
                    return false;
                }
            }
        };
    }
}
