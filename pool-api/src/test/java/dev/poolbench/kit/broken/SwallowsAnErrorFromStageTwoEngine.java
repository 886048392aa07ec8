package dev.poolbench.kit.broken;

import dev.poolbench.api.Stage;

/** Planted bug: an {@link Error} thrown by the second stage (or a later one) is swallowed, the item filtered. */
final class SwallowsAnErrorFromStageTwoEngine extends ForwardingEngine {
    @Override
    protected Stage<Object, Object> stage(Stage<Object, Object> function, int index) {
        if (index == 0) {
            return function;
        }
        return (item, ctx) -> {
            try {
                return function.apply(item, ctx);
            } catch (Error swallowed) {
                return null; // the bug
            }
        };
    }
}
