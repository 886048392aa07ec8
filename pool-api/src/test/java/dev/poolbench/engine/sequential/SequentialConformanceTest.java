package dev.poolbench.engine.sequential;

import dev.poolbench.api.Engine;
import dev.poolbench.kit.EngineConformanceTest;

/** The conformance kit run against the reference engine: the oracle keeps every guarantee too. */
class SequentialConformanceTest extends EngineConformanceTest {
    @Override
    protected Engine engine() {
        return new SequentialEngine();
    }

    /** One item at a time on the submitting thread, by definition (SPEC §2). */
    @Override
    protected boolean runsItemsConcurrently() {
        return false;
    }
}
