package dev.poolbench.harness.workload;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.harness.workload.WorkloadRunner.Order;
import dev.poolbench.harness.workload.WorkloadRunner.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Digest equality across every engine on the class path, and that the oracle notices a difference. */
@Timeout(300)
class OracleTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static Fib fib;
    private static List<RouteLine> items;

    @BeforeAll
    static void setUp() {
        GeneratorConfig cfg = GeneratorConfig.defaults(77, 600).withBadFraction(0.03);
        fib = Fib.synthetic(cfg, 5000);
        items = RouteGenerator.list(cfg);
    }

    private static RunOutcome run(Engine e, Profile p, Shape shape, Order order, int producers) {
        return WorkloadRunner.run(e, p.instantiate(fib), shape, order, RouteGenerator.partition(items, producers),
                4, 8, LIMIT);
    }

    @Test
    void everyEngineReproducesTheSequentialDigest() {
        Engine sequential = Engines.byName("sequential");
        for (String spec : List.of("tiny:throwRate=0.02", "cpu:throwRate=0.02", "mixed:delayMs=0.2:blockingFraction=0.2",
                "skewed:maxWork=20000")) {
            Profile p = Profile.parse(spec);
            RunOutcome ref = run(sequential, p, Shape.PIPELINE, Order.KEYED, 1);
            assertThat(ref.error()).isNull();
            assertThat(ref.outputs() + ref.filtered() + ref.failed()).isEqualTo(items.size());
            assertThat(ref.failed()).isPositive();
            for (Engine e : Engines.all()) {
                assertThat(run(e, p, Shape.PIPELINE, Order.KEYED, 1).differenceFrom(ref, RunOutcome.Check.DIGEST_AND_COUNTS))
                        .as("%s %s pipeline KEYED", e.name(), spec).isNull();
                assertThat(run(e, p, Shape.POOL, Order.KEYED, 3).differenceFrom(ref, RunOutcome.Check.DIGEST_AND_COUNTS))
                        .as("%s %s pool KEYED x3", e.name(), spec).isNull();
                assertThat(run(e, p, Shape.PIPELINE, Order.ORDERED, 1).differenceFrom(ref, RunOutcome.Check.DIGEST_AND_COUNTS))
                        .as("%s %s pipeline ORDERED", e.name(), spec).isNull();
                assertThat(run(e, p, Shape.POOL, Order.UNORDERED, 2).differenceFrom(ref, RunOutcome.Check.COUNTS))
                        .as("%s %s pool UNORDERED x2", e.name(), spec).isNull();
            }
        }
    }

    @Test
    void theDigestNoticesReorderedUpdatesAndTheCountsNoticeLostItems() {
        Engine sequential = Engines.byName("sequential");
        Profile cpu = Profile.parse("cpu");
        RunOutcome ref = run(sequential, cpu, Shape.PIPELINE, Order.KEYED, 1);
        List<RouteLine> reversed = new ArrayList<>(items);
        Collections.reverse(reversed);
        RunOutcome backwards = WorkloadRunner.run(sequential, cpu.instantiate(fib), Shape.PIPELINE, Order.UNORDERED,
                List.of(reversed), 1, 8, LIMIT);
        assertThat(backwards.differenceFrom(ref, RunOutcome.Check.COUNTS)).isNull();
        assertThat(backwards.differenceFrom(ref, RunOutcome.Check.DIGEST_AND_COUNTS)).startsWith("digest");
        RunOutcome fewer = WorkloadRunner.run(sequential, cpu.instantiate(fib), Shape.POOL, Order.KEYED,
                List.of(items.subList(1, items.size())), 1, 8, LIMIT);
        assertThat(fewer.differenceFrom(ref, RunOutcome.Check.COUNTS)).startsWith("counts");
    }

    @Test
    void blockingProfileSetsTheHintOnInstallOnly() {
        RouteWorkload w = Profile.parse("blocking:delayMs=0.1").instantiate(fib);
        assertThat(w.blocking()).isTrue();
        assertThat(w.stages(2, 4)).extracting(s -> s.name() + "=" + s.blocking())
                .containsExactly("parse=false", "validate=false", "resolve=false", "install=true");
        assertThat(w.fused(2, 4).blocking()).isTrue();
        assertThat(Profile.parse("cpu").instantiate(fib).blocking()).isFalse();
    }

    @Test
    void profileSpecsAreValidated() {
        assertThat(Profile.parse("mixed:delayMs=3").param("delayMs")).isEqualTo(3.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.parse("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid: tiny, cpu, blocking, mixed, skewed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.parse("cpu:delayMs=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("throwRate");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Profile.parse("cpu:throwRate=2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
    }
}
