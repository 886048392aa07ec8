package dev.poolbench.kit.broken;

import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;

import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Planted bug: under ORDERED an instance accepts every item at once into an unbounded queue (a
 * reorder window without a bound), which one thread of its factory feeds to the engine. While
 * the head item is slow, the window grows without limit.
 */
final class UnboundedOrderedWindowEngine extends ForwardingEngine {
    private static final Object END = new Object();

    @Override
    protected <I> Running<I> running(Running<I> r, PatternOptions options) {
        if (!(options.ordering() instanceof Ordering.Ordered) || options.threadFactory() == null) {
            return r;
        }
        return new Window<>(r, options);
    }

    private static final class Window<I> extends ForwardingRunning<I> {
        private final LinkedBlockingQueue<Object> window = new LinkedBlockingQueue<>();
        private final Thread feeder;
        private volatile boolean closed;

        Window(Running<I> delegate, PatternOptions options) {
            super(delegate);
            this.feeder = options.threadFactory().newThread(this::feed);
            feeder.start();
        }

        @SuppressWarnings("unchecked")
        private void feed() {
            try {
                for (Object o = window.take(); o != END; o = window.take()) {
                    delegate.submit((I) o);
                }
            } catch (InterruptedException | CancellationException e) {
                window.clear(); // cancelled
            }
        }

        @Override
        public void submit(I item) {
            if (closed) {
                throw new IllegalStateException("submit after close");
            }
            window.add(item); // the bug: no bound
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) {
            submit(item);
            return true;
        }

        @Override
        public void close() {
            closed = true;
            window.add(END);
            try {
                feeder.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delegate.close();
        }

        @Override
        public void cancel(Throwable cause) {
            delegate.cancel(cause);
            feeder.interrupt();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            feeder.join(unit.toMillis(timeout) + 1);
            return !feeder.isAlive() && delegate.awaitTermination(timeout, unit);
        }

        @Override
        public PatternStats stats() {
            PatternStats s = delegate.stats();
            int waiting = (int) window.stream().filter(o -> o != END).count();
            return new PatternStats(s.accepted() + waiting, s.outputs(), s.filtered(), s.failed(), s.cancelled(),
                    s.inFlight() + waiting, s.effectiveBuffers());
        }
    }
}
