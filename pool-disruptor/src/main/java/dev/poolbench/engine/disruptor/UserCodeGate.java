package dev.poolbench.engine.disruptor;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Marks when a handler thread may run user code (a stage, the sink, the combiner), so that a
 * cancel interrupts a thread only inside a batch it is handling, never while it waits on the
 * ring's barrier: an interrupt there would make the Disruptor's {@code BatchEventProcessor} treat
 * it as an event exception and skip a sequence.
 *
 * <p>The gate opens at the first user code of a batch and closes at the batch's end
 * ({@link #endOfBatch}), so the fenced store and the CAS are paid once per batch, not per call;
 * between the calls of a batch the handler runs only engine code that an interrupt cannot derail
 * (a {@link Region} wait reads the cancel flag on every round). {@link #enter} still reads the
 * cancel flag before every call, so no user code starts after a cancel, and {@link #exit} clears
 * an interrupt user code left behind.
 *
 * <p>Protocol: opening publishes IN and then the flag is read; a canceller sets the flag and then
 * tries IN → INTERRUPTING. Either the handler sees the cancel (and runs nothing) or the canceller
 * sees IN (and interrupts). {@link #endOfBatch} waits out an interrupt in progress, so the
 * interrupt can never land after it, and clears it.
 */
final class UserCodeGate {
    private static final int IDLE = 0;
    private static final int IN = 1;
    private static final int INTERRUPTING = 2;
    private static final int INTERRUPTED = 3;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final CancelFlag cancel;
    private volatile Thread thread;
    /** Whether this batch opened the gate; read and written by the handler thread only. */
    private boolean open;

    UserCodeGate(CancelFlag cancel) {
        this.cancel = cancel;
    }

    /** Called once on the handler thread before it processes events. */
    void bindToCurrentThread() {
        thread = Thread.currentThread();
    }

    /**
     * True if user code may run now (opening the gate for the rest of the batch); false once the
     * instance is cancelled (nothing new starts).
     */
    boolean enter() {
        if (!open) {
            state.set(IN);
            open = true;
        }
        return !cancel.isCancelled();
    }

    /** User code returned: clears any interrupt status it left behind (the gate stays open). */
    void exit() {
        Thread.interrupted();
    }

    /** The handler's batch ends, and with it any wait for a cancel's interrupt; before the barrier wait. */
    void endOfBatch() {
        if (!open) {
            return;
        }
        open = false;
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
