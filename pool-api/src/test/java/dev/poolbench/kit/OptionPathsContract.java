package dev.poolbench.kit;

import dev.poolbench.api.EngineOption;
import dev.poolbench.api.ErrorPolicy;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A core subset of the kit — exactly once under every ordering, the bound, cancel, an Error —
 * over each value the engine declares for each of its options (one non-default value at a time)
 * and over the single-producer promise: the paths a default-options run never takes (the
 * disruptor's single-producer ring and wait strategies, the executor's linked queues and
 * prestart, the forkjoin engine's LIFO mode, the virtual engine's workers). The variants come
 * from {@code engine().options()}, so a new option value is covered without a new test.
 */
public abstract class OptionPathsContract extends HardeningContract {

    /** One option path: engine options and the single-producer promise. */
    private record Variant(Map<String, String> options, boolean singleProducer) {
        @Override
        public String toString() {
            return singleProducer ? "singleProducer=true" : options.toString();
        }
    }

    private List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        for (EngineOption o : engine().options()) {
            for (String value : o.values()) {
                if (!value.equals(o.defaultValue())) {
                    v.add(new Variant(Map.of(o.key(), value), false));
                }
            }
        }
        v.add(new Variant(Map.of(), true));
        return v;
    }

    @TestFactory
    public Stream<DynamicNode> coreGuaranteesUnderEachDeclaredOptionValue() {
        return variants().stream().map(v -> DynamicContainer.dynamicContainer(v.toString(), Stream.of(Shape.values())
                // one thread submits under the single-producer promise: a merge has several inputs to feed
                .filter(shape -> !(v.singleProducer() && shape == Shape.MERGE))
                .map(shape -> dynamicTest(shape + " exactly once, bound, cancel, Error", () ->
                        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> underOptions(v.options(),
                                v.singleProducer(), () -> core(shape)))))));
    }

    /**
     * The subset for one shape. Orderings rotate over the shapes (and over the checks of a shape),
     * so every ordering meets every check at least once per option value while each shape runs
     * each check once: the full cross product belongs to the default options' run.
     */
    private void core(Shape shape) throws Exception {
        int i = shape.ordinal();
        exactlyOnceWithFilteringAndFailures(shape, ORDERINGS.get(i % 3), ErrorPolicy.CONTINUE);
        releaseEverythingAndRethrowWorkerFailures();
        boundedWhileAStageIsBlocked(shape, ORDERINGS.get((i + 1) % 3));
        releaseEverythingAndRethrowWorkerFailures();
        cancelWhileAStageBlocksInterruptibly(shape, ORDERINGS.get((i + 2) % 3));
        releaseEverythingAndRethrowWorkerFailures();
        anErrorIsFatalUnderEveryPolicy(shape, ErrorPolicy.FAIL_FAST);
    }
}
