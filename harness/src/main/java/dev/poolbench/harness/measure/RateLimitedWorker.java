package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.harness.workload.RouteWorkload;
import dev.poolbench.harness.workload.WorkloadRunner;

import java.util.List;

/**
 * The seed's rate-limited worker: a worker pool whose admission is held to {@code --rate-limit}
 * items/s by the contract's token bucket (default {@value #DEFAULT_RATE}/s). The closed-loop
 * phase shows that the limit holds (throughput ≈ the limit, never above); the latency phase,
 * what waiting for a token costs an item.
 * <pre>
 *  producer ─► token bucket (r/s) ─► [buffer] ─► p workers ─► sink
 * </pre>
 */
final class RateLimitedWorker extends Scenario {
    static final double DEFAULT_RATE = 5_000;

    @Override
    public String name() {
        return "RateLimitedWorker";
    }

    @Override
    public String description() {
        return "worker pool behind the contract's token bucket (--rate-limit, default " + (long) DEFAULT_RATE + "/s)";
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
    public double rateLimit(RowSpec spec) {
        return spec.rateLimit() > 0 ? spec.rateLimit() : DEFAULT_RATE;
    }

    @Override
    Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                  LatencyRecorder sink) {
        var running = engine.workerPool(WorkerPool.of(TimedStage.wrap(workload.fused(parallelism, buffer)), options),
                sink);
        return new Started(List.of(running), running);
    }
}
