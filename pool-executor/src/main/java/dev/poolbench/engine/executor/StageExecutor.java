package dev.poolbench.engine.executor;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A fixed-size {@link ThreadPoolExecutor} over a bounded queue that reports its termination.
 * Callers never overfill the queue (a semaphore in front of it counts its free slots), so the
 * abort policy only fires for work handed to an executor that was already shut down by a cancel.
 */
final class StageExecutor extends ThreadPoolExecutor {
    private final Runnable onTerminated;

    StageExecutor(int threads, BlockingQueue<Runnable> queue, ThreadFactory factory, Runnable onTerminated) {
        super(threads, threads, 0L, TimeUnit.MILLISECONDS, queue, factory, new AbortPolicy());
        this.onTerminated = onTerminated;
    }

    /** Runs once every worker has finished its last task (called by TPE under its main lock). */
    @Override
    protected void terminated() {
        try {
            super.terminated();
        } finally {
            onTerminated.run();
        }
    }
}
