package dev.poolbench.kit.broken;

import dev.poolbench.api.Failure;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Sink;

/**
 * Planted bug: the n-th output of every instance is counted but never reaches the sink (the
 * fifth: any run sees it; the 50,000th: only a run at volume does).
 */
final class LosesAnItemEngine extends ForwardingEngine {
    private final int nth;

    LosesAnItemEngine(int nth) {
        this.nth = nth;
    }

    @Override
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        return new Sink<>() {
            private int n;

            @Override
            public void onOutput(O output) throws Exception {
                if (++n != nth) {
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
