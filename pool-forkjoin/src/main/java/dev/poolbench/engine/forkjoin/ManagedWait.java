package dev.poolbench.engine.forkjoin;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.BooleanSupplier;

/**
 * Waiting for something a fork-join worker must not wait for unseen (a stage slot, the sink lock):
 * a pool worker waits under {@link ForkJoinPool#managedBlock}, so the pool may run a compensating
 * thread meanwhile; any other thread just waits. Callers try the non-blocking way first, so the
 * uncontended path allocates nothing.
 */
final class ManagedWait implements ForkJoinPool.ManagedBlocker {

    /** The blocking way to take it. */
    @FunctionalInterface
    interface Take {
        void take() throws InterruptedException;
    }

    private final BooleanSupplier tryTake;
    private final Take take;
    private boolean taken;

    private ManagedWait(BooleanSupplier tryTake, Take take) {
        this.tryTake = tryTake;
        this.take = take;
    }

    /** Takes it, waiting as long as needed; {@code tryTake} has already failed once. */
    static void take(BooleanSupplier tryTake, Take take) throws InterruptedException {
        if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
            ForkJoinPool.managedBlock(new ManagedWait(tryTake, take));
        } else {
            take.take();
        }
    }

    @Override
    public boolean block() throws InterruptedException {
        if (!taken) {
            take.take();
            taken = true;
        }
        return true;
    }

    @Override
    public boolean isReleasable() {
        return taken || (taken = tryTake.getAsBoolean());
    }
}
