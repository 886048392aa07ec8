package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.harness.workload.RouteWorkload;

import java.util.List;

/**
 * The scenarios that run the four route stages fused into one worker-pool stage; they differ in
 * profile, parallelism rule, rate limit or what is measured, not in how the pattern is built.
 */
abstract class FusedWorkerPoolScenario extends Scenario {

    @Override
    public final PatternKind pattern() {
        return PatternKind.WORKER_POOL;
    }

    @Override
    final Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                        LatencyRecorder sink) {
        var running = engine.workerPool(WorkerPool.of(TimedStage.wrap(workload.fused(parallelism, buffer)), options),
                sink);
        return new Started(List.of(running), running);
    }
}
