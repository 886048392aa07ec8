package dev.poolbench.harness.jmh;

/**
 * Baseline of the {@code sequential} engine: the caller runs the stages and the consumer itself,
 * in a plain loop — what a worker pool, pipeline, fan-out or merge collapses to with no threads.
 */
final class RawInline extends RawHandoff {

    RawInline(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
    }

    @Override
    void submit(Parcel p) {
        if (pattern == HandoffPattern.PIPELINE3) {
            for (int k = 0; k < HandoffPattern.PIPELINE_STAGES; k++) {
                p = TinyStages.apply(step(k), p);
            }
        } else {
            p = TinyStages.apply(stages.fused(), p);
        }
        sink.deliver(p);
    }

    @Override
    void close() {
    }
}
