package dev.poolbench.api;

/**
 * One of the k inputs of a running {@link Merge}. {@link #close()} ends this input only and
 * returns at once; the merged output ends when every input is closed.
 */
public interface MergeInput<I> extends Input<I> {

    /** No more items from this input; idempotent; does not wait. */
    void close();
}
