package dev.poolbench.kit.broken;

import dev.poolbench.api.Engine;
import dev.poolbench.engine.sequential.SequentialEngine;
import dev.poolbench.kit.EngineConformanceTest;

/**
 * The kit bound to each planted-bug engine, for {@link KitHasTeethTest} to run through the JUnit
 * Platform launcher. Nested and without a {@code Test} suffix, so surefire does not run them as
 * ordinary test classes (they are meant to fail).
 */
final class BrokenEngineKits {
    private BrokenEngineKits() {
    }

    static class LosesAnItemKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new LosesAnItemEngine();
        }
    }

    static class DuplicatesAnItemKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new DuplicatesAnItemEngine();
        }
    }

    static class ReordersUnderOrderedKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new ReordersUnderOrderedEngine();
        }
    }

    static class LeaksAThreadKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new LeaksAThreadEngine();
        }
    }

    static class IgnoresCancelKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new IgnoresCancelEngine();
        }
    }

    /** The control: the same launcher path on the healthy reference engine. */
    static class SequentialKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new SequentialEngine();
        }
    }
}
