package dev.poolbench.engine.virtual;

import java.util.function.BooleanSupplier;

/**
 * The one sink call that happens after termination began: the combiner's aggregate, given to the
 * sink on the terminating thread. A cancel that arrives while the sink holds it interrupts that
 * thread (the sink may block), and the interrupt is cleared again before the thread goes back to
 * its caller, so that our cancel never leaks into a caller's interrupt status.
 */
final class AggregateCall {
    private Thread thread; // under this object's monitor
    private boolean interrupted;

    /** Runs {@code emit} on this thread, unless {@code cancelled} (read under the monitor) says not to. */
    void run(BooleanSupplier cancelled, Runnable emit) {
        synchronized (this) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            thread = Thread.currentThread();
        }
        try {
            emit.run();
        } finally {
            synchronized (this) {
                thread = null;
                if (interrupted) {
                    interrupted = false;
                    Thread.interrupted(); // our cancel's interrupt must not leak into the caller
                }
            }
        }
    }

    /** If a thread is inside {@link #run} and {@code cancelWins} (run under the monitor) says so, interrupts it. */
    synchronized void interrupt(BooleanSupplier cancelWins) {
        if (thread == null || !cancelWins.getAsBoolean()) {
            return;
        }
        if (thread != Thread.currentThread()) {
            interrupted = true;
            thread.interrupt();
        }
    }
}
