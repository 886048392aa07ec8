package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;


/**
 * A wait strategy under which an idle handler costs nothing: it spins a little, yields a little,
 * then blocks until something it may be waiting for has moved, whether that is the producers'
 * cursor or the handlers it follows. Disruptor's own {@code BlockingWaitStrategy} blocks only on
 * the cursor and busy-spins on upstream handlers (so the fan-in spins while a stage works), and
 * {@code SleepingWaitStrategy} wakes every ~60 µs per thread whether anything happened or not
 * (so a mostly idle ring burns a core on wake-ups).
 *
 * <p>Wake-ups: the ring signals on every publish and on every alert (halt); each stage handler
 * signals through {@link #progressed()} after it has published its own sequence at the end of a
 * batch. A signal costs a fence and a volatile read unless a thread is blocked. Lost-wake-up
 * safety: a waiter counts itself in {@link #waiters}, fences, and re-reads the sequence under the
 * monitor; a signaller writes its sequence, fences, and reads the count (Disruptor's
 * {@code Sequence.set} is only a release store, hence the fences), so one sees the other. Progress that
 * nothing signals (the processor's own sequence update after an event handler threw) is picked up
 * within {@link #SAFETY_NET_MILLIS} ms. Blocking is on a monitor, which (unlike a
 * {@code Condition}) allocates nothing per wait.
 */
final class ParkingWaitStrategy implements WaitStrategy {
    private static final int SPINS = 100;
    private static final int YIELDS = 2;
    /** A blocked waiter looks again after this long even without a signal. */
    static final long SAFETY_NET_MILLIS = 10;

    private final Object moved = new Object();
    private volatile int waiters;

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        long available;
        int rounds = 0;
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            if (rounds < SPINS) {
                Thread.onSpinWait();
            } else if (rounds < SPINS + YIELDS) {
                Thread.yield();
            } else {
                block(sequence, dependentSequence, barrier);
            }
            rounds++;
        }
        return available;
    }

    private void block(long sequence, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, InterruptedException {
        synchronized (moved) {
            waiters++; // under the monitor
            VarHandle.fullFence();
            try {
                if (dependentSequence.get() < sequence) {
                    barrier.checkAlert();
                    moved.wait(SAFETY_NET_MILLIS);
                }
            } finally {
                waiters--;
            }
        }
    }

    /** A producer published (a release store), or a barrier was alerted. */
    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence();
        progressed();
    }

    /** A handler has moved its sequence with a full fence ({@code setVolatile}): wakes whoever is blocked. */
    void progressed() {
        if (waiters > 0) {
            synchronized (moved) {
                moved.notifyAll();
            }
        }
    }

    @Override
    public String toString() {
        return "ParkingWaitStrategy";
    }
}
