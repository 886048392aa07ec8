package dev.poolbench.api;

/**
 * A running worker pool, pipeline or fan-out: one input side and a sink on the output side.
 * Use it in try-with-resources: {@code close()} is the seed's {@code close(jobs)} followed by
 * {@code wg.Wait()}.
 */
public interface Running<I> extends Input<I>, Lifecycle {
}
