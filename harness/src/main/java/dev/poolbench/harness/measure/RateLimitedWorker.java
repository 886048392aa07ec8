package dev.poolbench.harness.measure;

import dev.poolbench.harness.workload.WorkloadRunner;

/**
 * The seed's rate-limited worker: a worker pool whose admission is held to {@code --rate-limit}
 * items/s by the contract's token bucket (default {@value #DEFAULT_RATE}/s). The closed-loop
 * phase shows that the limit holds (throughput ≈ the limit, never above); the latency phase,
 * what waiting for a token costs an item.
 * <pre>
 *  producer ─► token bucket (r/s) ─► [buffer] ─► p workers ─► sink
 * </pre>
 */
final class RateLimitedWorker extends FusedWorkerPoolScenario {
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
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.UNORDERED;
    }

    @Override
    public double rateLimit(RowSpec spec) {
        return spec.rateLimit() > 0 ? spec.rateLimit() : DEFAULT_RATE;
    }
}
