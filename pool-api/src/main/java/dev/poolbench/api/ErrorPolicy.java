package dev.poolbench.api;

/**
 * What a failing item does to the instance. {@link Error}s (OOM, StackOverflowError,
 * AssertionError) and a throwing sink are fatal under both policies.
 */
public enum ErrorPolicy {
    /**
     * The first failure observed (by time) cancels the instance; {@code close} and
     * {@code awaitTermination} report it, later concurrent failures are counted failed and
     * attached to it as suppressed (at most 16).
     */
    FAIL_FAST,
    /** Failures go to {@link Sink#onFailure}; work goes on. */
    CONTINUE
}
