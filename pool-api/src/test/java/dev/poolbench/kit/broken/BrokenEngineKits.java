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
            return new LosesAnItemEngine(5);
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

    static class LosesOneInFiftyThousandKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new LosesAnItemEngine(50_000);
        }
    }

    static class UnboundedOrderedWindowKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new UnboundedOrderedWindowEngine();
        }
    }

    /** Planted bug: every stage on one worker. The sequential engine is exactly that, here claiming to be concurrent. */
    static class SingleWorkerKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new SequentialEngine();
        }
    }

    static class OverReportsBuffersKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new OverReportsBuffersEngine();
        }
    }

    static class IgnoresStageContextCancelKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new IgnoresStageContextCancelEngine();
        }
    }

    static class BlockedOfferIgnoresCancelKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new BlockedOfferIgnoresCancelEngine();
        }
    }

    static class SwallowsAnErrorFromStageTwoKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new SwallowsAnErrorFromStageTwoEngine();
        }
    }

    static class ReordersOneKeyAcrossProducersKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new ReordersOneKeyAcrossProducersEngine();
        }
    }

    static class LeaksAForeignThreadKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new LeaksAForeignThreadEngine();
        }
    }

    /** The control: the same launcher path on the healthy reference engine. */
    static class SequentialKit extends EngineConformanceTest {
        @Override
        protected Engine engine() {
            return new SequentialEngine();
        }

        @Override
        protected boolean runsItemsConcurrently() {
            return false;
        }
    }
}
