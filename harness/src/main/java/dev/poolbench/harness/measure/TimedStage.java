package dev.poolbench.harness.measure;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

/**
 * Runs a workload stage on the payload of a {@link Timed} envelope and passes the envelope on,
 * so that the sink sees the instants the item was scheduled and submitted at. The cost — one
 * field write per stage — is the same for every engine.
 */
final class TimedStage implements Stage<Timed, Timed> {
    private final Stage<Object, Object> inner;

    private TimedStage(Stage<Object, Object> inner) {
        this.inner = inner;
    }

    static StageSpec<Timed, Timed> wrap(StageSpec<?, ?> spec) {
        return new StageSpec<>(spec.name(), new TimedStage(spec.untyped()), spec.parallelism(), spec.buffer(),
                spec.blocking());
    }

    @Override
    public Timed apply(Timed item, StageContext ctx) throws Exception {
        Object out = inner.apply(item.value, ctx);
        if (out == null) {
            return null;
        }
        item.value = out;
        return item;
    }
}
