package dev.poolbench.kit.broken;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;

/** Planted bug: the {@code StageContext} a stage gets never says it is cancelled. */
final class IgnoresStageContextCancelEngine extends ForwardingEngine {
    @Override
    protected Stage<Object, Object> stage(Stage<Object, Object> function, int index) {
        return (item, ctx) -> function.apply(item, new StageContext() {
            @Override
            public String stageName() {
                return ctx.stageName();
            }

            @Override
            public boolean isCancelled() {
                return false; // the bug
            }
        });
    }
}
