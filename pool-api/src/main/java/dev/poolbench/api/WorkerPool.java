package dev.poolbench.api;

import java.util.Objects;

/**
 * Worker pool: one stage run by up to {@code stage.parallelism()} workers, fed from one
 * bounded buffer of {@code stage.buffer()} items.
 * <pre>
 *            ┌─► worker 1 ─┐
 *  submit ──►buffer─► worker 2 ─┼─► sink
 *            └─► worker p ─┘
 * </pre>
 */
public record WorkerPool<I, O>(StageSpec<I, O> stage, PatternOptions options) {
    public WorkerPool {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
    }

    public static <I, O> WorkerPool<I, O> of(StageSpec<I, O> stage, PatternOptions options) {
        return new WorkerPool<>(stage, options);
    }
}
