package dev.poolbench.api;

import java.util.Objects;

/**
 * One stage of a pattern: its name, its function, its parallelism (at most this many
 * concurrent {@link Stage#apply} calls), its buffer (at most this many items waiting in front
 * of it) and whether it declares that it blocks.
 *
 * <p>Create with {@link #of(String, Stage)} and refine with the {@code with…} methods.
 */
public record StageSpec<I, O>(String name, Stage<? super I, ? extends O> function,
                              int parallelism, int buffer, boolean blocking) {

    public static final int DEFAULT_BUFFER = 64;

    public StageSpec {
        Objects.requireNonNull(name, "stage name");
        Objects.requireNonNull(function, "stage function");
        if (name.isBlank()) {
            throw new IllegalArgumentException("stage name: must not be blank");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism of stage '" + name + "': " + parallelism
                    + " is invalid; expected an integer >= 1");
        }
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer of stage '" + name + "': " + buffer
                    + " is invalid; expected an integer >= 1");
        }
    }

    /** A stage with parallelism 1, buffer {@value #DEFAULT_BUFFER}, not blocking. */
    public static <I, O> StageSpec<I, O> of(String name, Stage<? super I, ? extends O> function) {
        return new StageSpec<>(name, function, 1, DEFAULT_BUFFER, false);
    }

    public StageSpec<I, O> withParallelism(int parallelism) {
        return new StageSpec<>(name, function, parallelism, buffer, blocking);
    }

    public StageSpec<I, O> withBuffer(int buffer) {
        return new StageSpec<>(name, function, parallelism, buffer, blocking);
    }

    /** Declares that the stage blocks (forkjoin runs it under {@code managedBlock}). */
    public StageSpec<I, O> withBlocking(boolean blocking) {
        return new StageSpec<>(name, function, parallelism, buffer, blocking);
    }

    /** The function with its types erased, for engines that carry items as {@code Object}. */
    @SuppressWarnings("unchecked")
    public Stage<Object, Object> untyped() {
        return (Stage<Object, Object>) (Stage<?, ?>) function;
    }
}
