package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit (SPEC §3) run against the disruptor engine with its default options. */
class DisruptorConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new DisruptorEngine();
    }
}
