package dev.poolbench.engine.executor;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit (SPEC §3) run against the executor engine. */
class ExecutorConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new ExecutorEngine();
    }
}
