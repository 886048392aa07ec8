package dev.poolbench.engine.virtual;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit against the virtual engine with {@code virtual.mode=workers} as its default. */
class VirtualWorkersConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new VirtualEngine(VirtualMode.WORKERS);
    }
}
