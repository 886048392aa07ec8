package dev.poolbench.engine.disruptor;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks when a handler thread runs user code (a stage, the sink, the combiner), so that a cancel
 * interrupts a thread only there. An interrupt that reached a handler while it waits on the
 * ring's barrier would make the Disruptor's {@code BatchEventProcessor} treat it as an event
 * exception and skip a sequence; so the gate never interrupts outside user code, and clears the
 * interrupt status when user code returns.
 *
 * <p>Protocol: {@link #enter} publishes IN and then reads the cancel flag; a canceller sets the
 * flag and then tries IN → INTERRUPTING. Either the worker sees the cancel (and runs nothing) or
 * the canceller sees IN (and interrupts). {@link #exit} waits out an interrupt in progress, so
 * the interrupt can never land after it.
 */
final class UserCodeGate {
    private static final int IDLE = 0;
    private static final int IN = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final CancelFlag cancel;
    private volatile Thread thread;

    UserCodeGate(CancelFlag cancel) {
        this.cancel = cancel;
    }

    /** Called once on the handler thread before it processes events. */
    void bindToCurrentThread() {
        thread = Thread.currentThread();
    }

    /** True if user code may run now; false once the instance is cancelled (nothing new starts). */
    boolean enter() {
        state.set(IN);
        if (cancel.isCancelled()) {
            exit();
            return false;
        }
        return true;
    }

    /** Leaves user code; clears any interrupt status it left behind. */
    void exit() {
        if (!state.compareAndSet(IN, IDLE)) {
            while (state.get() == INTERRUPTING) {
                Thread.onSpinWait();
            }
            state.set(IDLE);
        }
        Thread.interrupted();
    }

    /** Interrupts the bound thread if, and only if, it is running user code right now. */
    void interruptIfInUserCode() {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        if (state.compareAndSet(IN, INTERRUPTING)) {
            try {
                t.interrupt();
            } finally {
                state.set(INTERRUPTED);
            }
        }
    }

    /** The instance-wide cancel flag the gate reads. */
    interface CancelFlag {
        boolean isCancelled();
    }
}
