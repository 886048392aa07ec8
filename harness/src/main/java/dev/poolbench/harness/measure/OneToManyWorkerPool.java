package dev.poolbench.harness.measure;

import dev.poolbench.harness.workload.WorkloadRunner;

/**
 * Unicast worker pool: one producer, p workers sharing one bounded buffer, the four route
 * stages fused into one, UNORDERED (checked by outcome counts).
 * <pre>
 *                 ┌─► worker 1 ─┐
 *  producer ─► [buffer] ─► worker 2 ─┼─► sink
 *                 └─► worker p ─┘
 * </pre>
 */
final class OneToManyWorkerPool extends FusedWorkerPoolScenario {

    @Override
    public String name() {
        return "OneToManyWorkerPool";
    }

    @Override
    public String description() {
        return "1 producer -> p workers on one buffer, fused route stage, unordered";
    }

    @Override
    public WorkloadRunner.Order order() {
        return WorkloadRunner.Order.UNORDERED;
    }
}
