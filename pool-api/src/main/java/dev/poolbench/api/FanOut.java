package dev.poolbench.api;

import java.util.Objects;

/**
 * Fan-out/fan-in: {@code stage.parallelism()} workers, each with its own buffer of
 * {@code stage.buffer()} items; each input goes to exactly one worker (unicast split; under
 * {@link Ordering.Keyed} by key), and the workers' outputs merge into one sink. With a
 * {@link Combiner} the outputs are folded per worker and the partials combined at fan-in.
 * <pre>
 *            ┌─► [buf] worker 1 ─┐
 *  submit ───┼─► [buf] worker 2 ─┼─► fan-in ─► sink
 *            └─► [buf] worker n ─┘
 * </pre>
 */
public record FanOut<I, O>(StageSpec<I, O> stage, PatternOptions options) {
    public FanOut {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
    }

    public static <I, O> FanOut<I, O> of(StageSpec<I, O> stage, PatternOptions options) {
        return new FanOut<>(stage, options);
    }

    public int workers() {
        return stage.parallelism();
    }
}
