package dev.poolbench.harness.measure;

import dev.poolbench.harness.workload.WorkloadRunner;

/**
 * Blocking work at high offered concurrency, as JEP 444 compares thread-per-task with pools:
 * the producer keeps {@code concurrency} items offered (the buffer) to a worker pool whose
 * install stage blocks (the {@code blocking} profile, a RIB-store RPC). {@code virtual} runs at
 * parallelism = the offered concurrency; the platform-thread engines at the platform cap
 * ({@code --platform-cap}, default 200); {@code sequential} at 1. Little's law bounds each:
 * items/s ≤ parallelism / blocking time.
 * <pre>
 *  producer ─► [buffer = C] ─► workers (virtual: C; others: cap) ─ install waits d ms ─► sink
 * </pre>
 */
final class BlockingAtConcurrency extends FusedWorkerPoolScenario {
    private final int concurrency;

    BlockingAtConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public String name() {
        return "BlockingAt" + concurrency;
    }

    @Override
    public String description() {
        return "worker pool, install blocks, " + concurrency
                + " offered; virtual at " + concurrency + " threads, others at --platform-cap";
    }

    @Override
    public String defaultProfile() {
        return "blocking";
    }

    @Override
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.UNORDERED;
    }

    @Override
    public int parallelism(String engine, RowSpec spec) {
        return switch (engine) {
            case "virtual" -> concurrency;
            case "sequential" -> 1;
            default -> Math.min(concurrency, spec.platformCap());
        };
    }

    @Override
    public int buffer(String engine, RowSpec spec) {
        return concurrency;
    }
}
