package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.harness.workload.RouteKeys;
import dev.poolbench.harness.workload.RouteLine;
import dev.poolbench.harness.workload.RouteWorkload;
import dev.poolbench.harness.workload.RunOutcome;
import dev.poolbench.harness.workload.WorkloadRunner;

import java.util.List;

/**
 * One measured topology (the Disruptor perftests' habit: one scenario per class, its topology
 * drawn in the javadoc). A scenario says which pattern carries the route stages, how many
 * producers feed it, which ordering it runs under, how its parallelism follows the engine, and
 * how its result is checked against the {@code sequential} oracle.
 */
public abstract class Scenario {

    /** What a pass of the scenario measures. */
    public enum Kind {
        /** closed-loop throughput, then open-loop latency */
        FLOW,
        /** time from cancel under full load until the last engine thread is gone */
        CANCELLATION
    }

    public abstract String name();

    public abstract String description();

    public abstract PatternKind pattern();

    /** The profile the standard run uses for this scenario. */
    public String defaultProfile() {
        return "cpu";
    }

    public Kind kind() {
        return Kind.FLOW;
    }

    public int producers() {
        return 1;
    }

    /** The ordering option the pattern is built with. */
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.KEYED;
    }

    /** The shape the oracle runs ({@code sequential}) to compute the expected outcome. */
    public WorkloadRunner.Shape oracleShape() {
        return WorkloadRunner.Shape.POOL;
    }

    /** How a pass is compared with the oracle: KEYED and ORDERED by digest, UNORDERED by counts. */
    public RunOutcome.Check check() {
        return order() == WorkloadRunner.Order.UNORDERED ? RunOutcome.Check.COUNTS : RunOutcome.Check.DIGEST_AND_COUNTS;
    }

    /**
     * The parallelism an engine runs the scenario at (some scenarios follow the engine's idiom);
     * {@code sequential} always runs one item at a time, so it is reported at 1.
     */
    public int parallelism(String engine, RowSpec spec) {
        return engine.equals("sequential") ? 1 : spec.parallelism();
    }

    public int buffer(String engine, RowSpec spec) {
        return spec.buffer();
    }

    /** The contract's rate-limit option for this scenario, items/s (0 = none). */
    public double rateLimit(RowSpec spec) {
        return spec.rateLimit();
    }

    /** Items an open-loop or closed-loop pass may use at most (memory bound for the input list). */
    public int maxItems() {
        return 2_000_000;
    }

    /**
     * Starts the pattern on {@code engine}, with the workload's stages wrapped to carry
     * {@link Timed} envelopes and outputs going to {@code sink}.
     */
    abstract Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer,
                           PatternOptions options, LatencyRecorder sink);

    /** The ordering option of a pass over {@code workload}. */
    final Ordering ordering(RouteWorkload workload) {
        return switch (order()) {
            case KEYED -> Ordering.<Timed>keyed(t -> RouteKeys.key((RouteLine) t.value));
            case ORDERED -> Ordering.ORDERED;
            case UNORDERED -> Ordering.UNORDERED;
        };
    }

    /** A started instance: one input per producer and the lifecycle that closes it. */
    record Started(List<? extends Input<Timed>> inputs, Lifecycle lifecycle) {
    }
}
