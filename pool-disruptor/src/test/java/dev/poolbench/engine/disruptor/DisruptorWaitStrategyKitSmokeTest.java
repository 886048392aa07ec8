package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Engine;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternStats;
import dev.poolbench.kit.Feeder;
import dev.poolbench.kit.Gate;
import dev.poolbench.kit.Job;
import dev.poolbench.kit.KitBase;
import dev.poolbench.kit.RecordingSink;
import dev.poolbench.kit.Shape;
import dev.poolbench.kit.Started;
import dev.poolbench.kit.Topology;
import dev.poolbench.kit.Workload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kit smoke for every value of {@code disruptor.wait}, built from the kit's own machinery: the
 * standard topology of each shape with filtering and failure injection under CONTINUE, checked
 * against the kit's prediction (exactly once, counts, ordering, sink discipline, no leaked
 * thread); and a cancel while a stage is blocked. The full kit runs with the default strategy
 * ({@link DisruptorConformanceTest}); with {@code busyspin} on a small machine every handler
 * thread owns a core it does not have, so its smoke uses fewer jobs.
 */
class DisruptorWaitStrategyKitSmokeTest extends KitBase {

    @Override
    protected Engine engine() {
        return new DisruptorEngine();
    }

    static Stream<Arguments> waitsShapesOrderings() {
        return WaitChoice.optionValues().stream().flatMap(w -> Stream.of(Shape.values())
                .flatMap(s -> Stream.of(Ordering.ORDERED, KEYED).map(o -> Arguments.of(w, s, o))));
    }

    static Stream<Arguments> waitsAndShapes() {
        return WaitChoice.optionValues().stream().flatMap(w -> Stream.of(Shape.values()).map(s -> Arguments.of(w, s)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("waitsShapesOrderings")
    void exactlyOnceUnderContinue(String wait, Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.CONTINUE);
        Workload w = workload(t).jitter().rates(shape.ordinal() * 17L + 3, 0.15, 0.08);
        RecordingSink<Job> sink = sink();
        Started s = track(t.start(new WaitPinnedEngine(wait), w, sink));
        List<Job> jobs = jobs(wait.equals("busyspin") ? 60 : 200, 13);
        Feeder f = feed("smoke-" + wait, () -> submitAll(s, jobs));
        assertThat(f.await(LIVE.multipliedBy(2))).as("feeder").isNull();
        PatternStats st = closeClean(s);
        assertMatches(w.expect(jobs), sink, st, ordering, jobs);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("waitsAndShapes")
    void cancelWhileAStageIsBlocked(String wait, Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.ORDERED, ErrorPolicy.FAIL_FAST);
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == 0) {
                gate.await();
            }
        });
        Started s = track(t.start(new WaitPinnedEngine(wait), w, sink()));
        Feeder f = feed("blocked-" + wait, () -> submitAll(s, jobs(100, 5)));
        awaitAcceptedStable(s, java.time.Duration.ofMillis(50));
        s.cancel();
        assertThat(f.await(LIVE)).as("a blocked feeder gets CancellationException")
                .isInstanceOf(CancellationException.class);
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.outputs()).isZero();
        assertThat(st.cancelled()).isEqualTo(st.accepted());
    }
}
