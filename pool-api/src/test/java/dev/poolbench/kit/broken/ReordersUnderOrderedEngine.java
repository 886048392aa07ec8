package dev.poolbench.kit.broken;

import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Sink;

/**
 * Planted bug: under ORDERED the second output is held back and delivered after the third
 * (an instance with exactly two outputs never delivers the second).
 */
final class ReordersUnderOrderedEngine extends ForwardingEngine {
    @Override
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        if (!(options.ordering() instanceof Ordering.Ordered)) {
            return sink;
        }
        return new Sink<>() {
            private int n;
            private O held;

            @Override
            public void onOutput(O output) throws Exception {
                n++;
                if (n == 2) {
                    held = output;
                    return;
                }
                sink.onOutput(output);
                if (n == 3) {
                    sink.onOutput(held);
                    held = null;
                }
            }

            @Override
            public void onFailure(Failure failure) throws Exception {
                sink.onFailure(failure);
            }
        };
    }
}
