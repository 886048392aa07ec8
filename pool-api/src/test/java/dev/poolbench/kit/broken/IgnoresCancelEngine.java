package dev.poolbench.kit.broken;

import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.MergeInput;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Planted bug: {@code cancel} does nothing (a failure's own cancel still works inside). */
final class IgnoresCancelEngine extends ForwardingEngine {

    @Override
    protected <I> Running<I> running(Running<I> r) {
        return new ForwardingRunning<>(r) {
            @Override
            public void cancel(Throwable cause) {
                // the bug: ignored
            }
        };
    }

    @Override
    protected <I> RunningMerge<I> merge(RunningMerge<I> m) {
        return new RunningMerge<>() {
            @Override
            public List<? extends MergeInput<I>> inputs() {
                return m.inputs();
            }

            @Override
            public void close() {
                m.close();
            }

            @Override
            public void cancel(Throwable cause) {
                // the bug: ignored
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return m.awaitTermination(timeout, unit);
            }

            @Override
            public boolean isTerminated() {
                return m.isTerminated();
            }

            @Override
            public PatternStats stats() {
                return m.stats();
            }
        };
    }
}
