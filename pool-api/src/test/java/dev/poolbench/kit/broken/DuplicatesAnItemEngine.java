package dev.poolbench.kit.broken;

import dev.poolbench.api.Failure;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Sink;

/** Planted bug: the fifth output of every instance reaches the sink twice. */
final class DuplicatesAnItemEngine extends ForwardingEngine {
    @Override
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        return new Sink<>() {
            private int n;

            @Override
            public void onOutput(O output) throws Exception {
                sink.onOutput(output);
                if (++n == 5) {
                    sink.onOutput(output);
                }
            }

            @Override
            public void onFailure(Failure failure) throws Exception {
                sink.onFailure(failure);
            }
        };
    }
}
