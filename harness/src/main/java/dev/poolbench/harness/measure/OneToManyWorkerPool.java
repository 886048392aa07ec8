package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.harness.workload.RouteWorkload;
import dev.poolbench.harness.workload.WorkloadRunner;

import java.util.List;

/**
 * Unicast worker pool: one producer, p workers sharing one bounded buffer, the four route
 * stages fused into one, UNORDERED (checked by outcome counts).
 * <pre>
 *                 ┌─► worker 1 ─┐
 *  producer ─► [buffer] ─► worker 2 ─┼─► sink
 *                 └─► worker p ─┘
 * </pre>
 */
final class OneToManyWorkerPool extends Scenario {

    @Override
    public String name() {
        return "OneToManyWorkerPool";
    }

    @Override
    public String description() {
        return "1 producer -> p workers on one buffer, fused route stage, unordered";
    }

    @Override
    public PatternKind pattern() {
        return PatternKind.WORKER_POOL;
    }

    @Override
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.UNORDERED;
    }

    @Override
    Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                  LatencyRecorder sink) {
        var running = engine.workerPool(WorkerPool.of(TimedStage.wrap(workload.fused(parallelism, buffer)), options),
                sink);
        return new Started(List.of(running), running);
    }
}
