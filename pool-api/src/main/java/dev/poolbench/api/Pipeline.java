package dev.poolbench.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Pipeline: an ordered list of stages, each with its own parallelism and buffer; the output of
 * one stage is the input of the next, and the last one's output reaches the sink.
 * <pre>
 *  submit ─► [buf]─► stage 1 (p1) ─► [buf]─► stage 2 (p2) ─► … ─► sink
 * </pre>
 * Build it typed with {@link #first(StageSpec)}{@code .then(…).build(options)}.
 */
public record Pipeline<I, O>(List<StageSpec<?, ?>> stages, PatternOptions options) {

    public Pipeline {
        stages = List.copyOf(stages);
        Objects.requireNonNull(options, "options");
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages: a pipeline needs at least one stage");
        }
    }

    public static <I, O> Builder<I, O> first(StageSpec<I, O> stage) {
        return new Builder<I, O>(new ArrayList<>()).add(stage);
    }

    /** Typed builder: each {@code then} takes the previous stage's output type as its input. */
    public static final class Builder<I, O> {
        private final List<StageSpec<?, ?>> stages;

        private Builder(List<StageSpec<?, ?>> stages) {
            this.stages = stages;
        }

        private Builder<I, O> add(StageSpec<?, ?> stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        @SuppressWarnings("unchecked")
        public <N> Builder<I, N> then(StageSpec<? super O, N> stage) {
            add(stage);
            return (Builder<I, N>) (Builder<?, ?>) this;
        }

        public Pipeline<I, O> build(PatternOptions options) {
            return new Pipeline<>(stages, options);
        }
    }
}
