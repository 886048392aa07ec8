package dev.poolbench.engine.virtual;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit against the virtual engine in its default mode, {@code virtual.mode=per-task}. */
class VirtualConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new VirtualEngine();
    }
}
