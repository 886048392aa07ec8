package dev.poolbench.api;

import java.util.List;

/**
 * A running {@link Merge}: k independent inputs into one sink. {@link #close()} closes every
 * input that is still open and then waits, as {@link Lifecycle#close()} says.
 */
public interface RunningMerge<I> extends Lifecycle {

    /** The k inputs, in source order. */
    List<? extends MergeInput<I>> inputs();

    default MergeInput<I> input(int index) {
        return inputs().get(index);
    }
}
