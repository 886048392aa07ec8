package dev.poolbench.api.support;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The deadline option: one thread (from the instance's thread factory) that waits until the
 * deadline and then cancels the instance with a {@link TimeoutException}, unless disarmed first
 * (at termination).
 */
public final class DeadlineWatch {
    private static final DeadlineWatch NONE = new DeadlineWatch();

    private final Thread thread;
    private volatile boolean disarmed;

    private DeadlineWatch() {
        this.thread = null;
    }

    private DeadlineWatch(java.util.concurrent.ThreadFactory factory, Duration deadline,
                          Consumer<Throwable> cancel) {
        long due = System.nanoTime() + deadline.toNanos();
        this.thread = factory.newThread(() -> {
            long left;
            while (!disarmed && (left = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(this, left);
            }
            if (!disarmed) {
                cancel.accept(new TimeoutException("deadline of " + deadline + " expired"));
            }
        });
        thread.start();
    }

    /** Starts a watch, or returns an inert one when {@code deadline} is null. */
    public static DeadlineWatch start(java.util.concurrent.ThreadFactory factory, Duration deadline,
                                      Consumer<Throwable> cancel) {
        return deadline == null ? NONE : new DeadlineWatch(factory, deadline, cancel);
    }

    /** Stops the watch; its thread ends promptly. Idempotent. */
    public void disarm() {
        disarmed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Waits for the watch's thread to end (used before an instance reports termination). */
    public void join() throws InterruptedException {
        if (thread != null && thread != Thread.currentThread()) {
            thread.join();
        }
    }
}
