package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

import java.lang.invoke.VarHandle;

/**
 * A wait strategy under which an idle handler costs nothing: it spins a little, yields once, then
 * blocks until what it waits for has moved, whether that is the producers' cursor or the handlers
 * it follows. Disruptor's own {@code BlockingWaitStrategy} blocks only on the cursor and
 * busy-spins on upstream handlers (so the fan-in spins while a stage works), and
 * {@code SleepingWaitStrategy} wakes every ~60 µs per thread whether anything happened or not
 * (so a mostly idle ring burns a core on wake-ups).
 *
 * <p>Two rooms, so that a wake-up reaches only those who may go on: handlers of the first stage
 * wait in {@link #published}, woken by the ring on every publish; later handlers and the fan-in
 * wait in {@link #upstream}, woken by {@link #progressed()}, which each stage shard calls after a
 * fenced {@code setVolatile} of its sequence at the end of a batch. A halt alerts the barriers
 * and then {@link #wakeAll()} wakes both rooms. A signal costs a fence and a volatile read while
 * nobody is blocked.
 *
 * <p>Lost wake-ups: a waiter counts itself in its room, fences, and re-reads the sequence and the
 * alert under the room's monitor; a signaller moves its sequence, fences, and reads the count
 * (Disruptor's {@code Sequence.set} is only a release store, hence the fences), so one sees the
 * other. Progress that nothing signals (the processor's own sequence update after an event handler
 * threw) is picked up within {@value #SAFETY_NET_MILLIS} ms. Rooms block on a monitor, which
 * (unlike a {@code Condition}) allocates nothing per wait.
 */
final class ParkingWaitStrategy implements WaitStrategy {
    private static final int SPINS = 50;
    private static final int YIELDS = 1;

    /** A blocked waiter looks again after this long even without a signal. */
    static final long SAFETY_NET_MILLIS = 10;

    private final Room published;
    private final Room upstream;

    ParkingWaitStrategy() {
        this(SAFETY_NET_MILLIS);
    }

    /** @param safetyNetMillis how long a waiter blocks before it looks again unsignalled (a test widens it) */
    ParkingWaitStrategy(long safetyNetMillis) {
        this.published = new Room(safetyNetMillis);
        this.upstream = new Room(safetyNetMillis);
    }

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
                // a barrier with no upstream handlers waits on the cursor itself
                (dependentSequence == cursor ? published : upstream).block(sequence, dependentSequence, barrier);
            }
            rounds++;
        }
        return available;
    }

    /** A producer published (a release store), or a barrier was alerted (see {@link #wakeAll()}). */
    @Override
    public void signalAllWhenBlocking() {
        VarHandle.fullFence();
        published.wake();
    }

    /** A stage shard has moved its sequence with a full fence ({@code setVolatile}). */
    void progressed() {
        upstream.wake();
    }

    /** After a halt has alerted every barrier: nobody may stay blocked. */
    void wakeAll() {
        VarHandle.fullFence();
        published.wake();
        upstream.wake();
    }

    @Override
    public String toString() {
        return "ParkingWaitStrategy";
    }

    /** Where handlers waiting for the same kind of progress block. */
    private static final class Room {
        private final Object monitor = new Object();
        private final long safetyNetMillis;
        private volatile int waiters;

        Room(long safetyNetMillis) {
            this.safetyNetMillis = safetyNetMillis;
        }

        void block(long sequence, Sequence dependentSequence, SequenceBarrier barrier)
                throws AlertException, InterruptedException {
            synchronized (monitor) {
                waiters++; // under the monitor
                VarHandle.fullFence();
                try {
                    if (dependentSequence.get() < sequence) {
                        barrier.checkAlert();
                        monitor.wait(safetyNetMillis);
                    }
                } finally {
                    waiters--;
                }
            }
        }

        void wake() {
            if (waiters > 0) {
                synchronized (monitor) {
                    monitor.notifyAll();
                }
            }
        }
    }
}
