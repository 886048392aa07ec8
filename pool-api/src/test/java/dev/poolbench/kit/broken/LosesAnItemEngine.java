package dev.poolbench.kit.broken;

import dev.poolbench.api.Failure;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Sink;

/** Planted bug: the fifth output of every instance is counted but never reaches the sink. */
final class LosesAnItemEngine extends ForwardingEngine {
    @Override
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        return new Sink<>() {
            private int n;

            @Override
            public void onOutput(O output) throws Exception {
                if (++n != 5) {
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
