package dev.poolbench.harness.measure;

import dev.poolbench.harness.workload.WorkloadRunner;

/**
 * Cancellation under full load: a worker pool of blocking installs is filled (every worker
 * blocked, the buffer full, the producer blocked in submit), then cancelled; the recorded value
 * is the time from {@code cancel()} until the instance has terminated and the last thread the
 * engine started is gone (seen through the thread factory). Each pass also checks the
 * exactly-once invariant after the cancel. SPEC's target: ≤ 1 s.
 * <pre>
 *  producer (blocked) ─► [buffer full] ─► p workers (blocked in install) ─► sink
 *                 cancel() ──────────────► t = until the last thread has ended
 * </pre>
 */
final class CancelUnderLoad extends FusedWorkerPoolScenario {

    @Override
    public String name() {
        return "CancelUnderLoad";
    }

    @Override
    public String description() {
        return "fill a blocking worker pool, cancel, time until the last engine thread is gone";
    }

    @Override
    public String defaultProfile() {
        return "blocking";
    }

    @Override
    public Kind kind() {
        return Kind.CANCELLATION;
    }

    @Override
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.UNORDERED;
    }
}
