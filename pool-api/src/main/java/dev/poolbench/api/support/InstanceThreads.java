package dev.poolbench.api.support;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The thread factory of one instance: every thread comes from the caller's factory (or the
 * engine's default) and is remembered, so that termination can wait until each one has ended
 * (a {@code ThreadPoolExecutor} reports termination while its last worker is still exiting, a
 * Disruptor handler thread while it leaves its processor) and {@code isTerminated()} agrees with
 * that wait (guarantee 7).
 */
public final class InstanceThreads implements ThreadFactory {
    private final ThreadFactory delegate;
    private final Queue<Thread> made = new ConcurrentLinkedQueue<>();

    public InstanceThreads(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = delegate.newThread(r);
        if (t != null) {
            made.add(t);
        }
        return t;
    }

    /**
     * Joins every thread made here (but the caller); false if {@code dueNanos} passes first.
     * Waits on {@link Thread#isAlive()} (as {@link Thread#join(long)} does): {@code join(Duration)}
     * may report a thread terminated a moment before {@code isAlive()} turns false.
     */
    public boolean joinAll(boolean forever, long dueNanos) throws InterruptedException {
        for (Thread t : made) {
            if (t == Thread.currentThread()) {
                continue;
            }
            if (forever) {
                t.join();
                continue;
            }
            while (t.isAlive()) {
                long left = dueNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                t.join(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    /** Whether a thread made here (but the caller) is alive now. */
    public boolean anyAlive() {
        for (Thread t : made) {
            if (t.isAlive() && t != Thread.currentThread()) {
                return true;
            }
        }
        return false;
    }
}
