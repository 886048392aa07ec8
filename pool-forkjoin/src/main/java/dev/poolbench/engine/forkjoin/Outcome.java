package dev.poolbench.engine.forkjoin;

/** The four ends of an accepted item (guarantee 1). */
enum Outcome {
    OUTPUT, FILTERED, FAILED, CANCELLED
}
