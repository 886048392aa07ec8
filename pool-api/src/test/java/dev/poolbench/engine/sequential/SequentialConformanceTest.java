package dev.poolbench.engine.sequential;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit run against the reference engine: the oracle keeps every guarantee too. */
class SequentialConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new SequentialEngine();
    }
}
