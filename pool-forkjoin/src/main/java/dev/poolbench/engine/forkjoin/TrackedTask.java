package dev.poolbench.engine.forkjoin;

import java.util.concurrent.RecursiveAction;

/**
 * A fork-join task the instance can stop: it is claimed once (queued → running, or queued →
 * dropped by a cancel), and while it runs the cancel can interrupt its thread, which
 * {@code ForkJoinTask.cancel} never does. Our interrupt is cleared when the task ends, so it cannot
 * leak into the worker's next task.
 */
abstract class TrackedTask extends RecursiveAction {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private int state;
    private Thread runner;
    private boolean interruptedByUs;

    @Override
    protected final void compute() {
        synchronized (this) {
            if (state != QUEUED) {
                return;
            }
            state = RUNNING;
            runner = Thread.currentThread();
        }
        try {
            run();
        } finally {
            synchronized (this) {
                state = DONE;
                runner = null;
                if (interruptedByUs) {
                    interruptedByUs = false;
                    Thread.interrupted();
                }
            }
            ended();
        }
    }

    /** The task's work. */
    abstract void run();

    /** Called last, on the task's thread. */
    abstract void ended();

    /** Claims a task that has not started; it will then never run. */
    final synchronized boolean drop() {
        if (state != QUEUED) {
            return false;
        }
        state = DONE;
        return true;
    }

    /** Interrupts the thread running this task, if it runs. */
    final synchronized void interruptIfRunning() {
        if (state == RUNNING && runner != null) {
            interruptedByUs = true;
            runner.interrupt();
        }
    }
}
