package dev.poolbench.api;

import java.util.Objects;

/**
 * Merge k → 1: {@code sources} independent inputs, each with its own buffer of
 * {@code stage.buffer()} items and its own {@code stage.parallelism()} workers, all feeding
 * one sink (the seed's {@code fanIn(channels...)}). The merged output ends when every input
 * is closed. Under {@link Ordering#ORDERED}, acceptance order is the global order in which
 * the inputs accepted their items.
 * <pre>
 *  input 1 ─► [buf] ─► stage ─┐
 *  input 2 ─► [buf] ─► stage ─┼─► sink
 *  input k ─► [buf] ─► stage ─┘
 * </pre>
 */
public record Merge<I, O>(int sources, StageSpec<I, O> stage, PatternOptions options) {
    public Merge {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(options, "options");
        if (sources < 1) {
            throw new IllegalArgumentException("sources: " + sources + " is invalid; expected an integer >= 1");
        }
    }

    public static <I, O> Merge<I, O> of(int sources, StageSpec<I, O> stage, PatternOptions options) {
        return new Merge<>(sources, stage, options);
    }
}
