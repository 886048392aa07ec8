package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit against the forkjoin engine in LIFO mode ({@code forkjoin.async=false} by default). */
class ForkJoinLifoConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new ForkJoinEngine(false);
    }
}
