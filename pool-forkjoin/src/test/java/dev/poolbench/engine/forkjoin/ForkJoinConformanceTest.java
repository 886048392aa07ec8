package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit (SPEC §3) run against the forkjoin engine. */
class ForkJoinConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new ForkJoinEngine();
    }
}
