package dev.poolbench.kit;

/** Name, parallelism and buffer of one stage of a {@link Topology}. */
public record StagePlan(String name, int parallelism, int buffer) {
}
