package dev.poolbench.kit;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A producer thread of the test (not the engine's): runs a body that submits, and keeps what it
 * threw. Submitting from a thread of its own matters because a caller-runs engine (sequential)
 * runs the stages on the submitting thread.
 */
public final class Feeder {

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private final Thread thread;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable outcome;

    private Feeder(String name, Body body) {
        this.thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                outcome = t;
            } finally {
                done.countDown();
            }
        }, name);
        thread.setDaemon(true);
    }

    public static Feeder start(String name, Body body) {
        Feeder f = new Feeder(name, body);
        f.thread.start();
        return f;
    }

    public Thread thread() {
        return thread;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Waits for the body to end within {@code timeout} (a liveness bound) and returns what it threw, or null. */
    public Throwable await(Duration timeout) throws InterruptedException {
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("feeder " + thread.getName() + " still running after " + timeout
                    + " (state " + thread.getState() + ")");
        }
        return outcome;
    }

    /** True once the thread is parked or blocked, and still so after a short settle time. */
    public boolean awaitParked(Duration timeout) throws InterruptedException {
        long due = System.nanoTime() + timeout.toNanos();
        int stable = 0;
        while (System.nanoTime() - due < 0) {
            Thread.State s = thread.getState();
            if (isDone()) {
                return false;
            }
            if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED) {
                if (++stable >= 20) {
                    return true;
                }
            } else {
                stable = 0;
            }
            Thread.sleep(5);
        }
        return false;
    }

    public void interrupt() {
        thread.interrupt();
    }
}
