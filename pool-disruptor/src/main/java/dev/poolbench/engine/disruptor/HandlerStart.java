package dev.poolbench.engine.disruptor;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The start of an instance's handler threads, which its constructor waits for. A Disruptor 4
 * {@code BatchEventProcessor} clears the alert of its barrier as it starts, and the shards of a
 * stage share one barrier: a halt (a cancel) landing while one shard was still starting was wiped
 * out for all of them, and they waited on the ring for ever (the kit's startCancelRaces, a few
 * times in 20,000 races on 2 loaded cores: the last-started handler threads gone, the others
 * parked in {@code waitFor}, close() wedged). Once every handler's {@code onStart} has run (it runs after
 * that clear, also on an early exit), no halt can be undone.
 */
final class HandlerStart {
    /** How long the constructor waits before it gives up: a hang guard against a broken thread factory. */
    static final Duration LIMIT = Duration.ofSeconds(30);

    private final CountDownLatch pending;

    HandlerStart(int handlers) {
        this.pending = new CountDownLatch(handlers);
    }

    /** A handler's processor has started. */
    void started() {
        pending.countDown();
    }

    /** Waits until every handler has started, keeping an interrupt for the caller. */
    void await() {
        boolean interrupted = false;
        long due = System.nanoTime() + LIMIT.toNanos();
        try {
            while (true) {
                try {
                    if (pending.await(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        return;
                    }
                    throw new IllegalStateException("the thread factory's threads did not start within " + LIMIT
                            + ": expected every thread it returns to run its task once started");
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
