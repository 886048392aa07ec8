package dev.poolbench.api.support;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A counting semaphore for a bound between takers (producers) and releasers (the stage that
 * frees the room), whose two sides write different cache lines: takers move {@code taken},
 * releasers move {@code returned}, and a take succeeds while {@code taken - returned < capacity}.
 * A {@code java.util.concurrent.Semaphore} keeps both in one {@code state}, so with one taker and
 * one releaser its line crosses between their cores twice per item (in the disruptor engine's
 * worker pool of one worker under {@code yielding}, 61 % of the samples were that CAS). Here a
 * taker keeps the last {@code returned} it read beside {@code taken} and reads the releasers' line
 * again only when that leaves no room — once per buffer's worth of items while the bound is not
 * reached. (In that disruptor pool a JFR then put 69 % of the samples on the read of
 * {@code returned}; caching it moved them to the next instructions without a measured gain: the
 * time was the producer's locked handshake with close, see {@link SubmitWindow}.)
 *
 * <p>Waiting is the slow path: a taker that finds no room registers as a waiter under a lock and
 * awaits a condition; a releaser signals only when it sees a waiter. Both sides write, then read
 * the other's line (the waiter count and {@code returned}), so no wake-up is lost.
 *
 * <p>With one taker at a time (the caller's promise, ordered by happens-before) a take is a
 * release store instead of a CAS.
 */
public final class SplitSemaphore {
    /** 16 longs = 128 bytes: a line apart even with the adjacent-line prefetcher. */
    private static final int STRIDE = 16;
    private static final int TAKEN = STRIDE;
    /** Beside {@code taken}: the takers' last read of {@code returned}, a lower bound (it only grows). */
    private static final int SEEN = STRIDE + 1;
    private static final int RETURNED = 2 * STRIDE;
    private static final int WAITERS = 3 * STRIDE;

    private final AtomicLongArray cells = new AtomicLongArray(5 * STRIDE);
    private final long capacity;
    private final boolean oneTaker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();

    /**
     * @param capacity how many may be taken and not yet released, at least 1
     * @param oneTaker one thread at a time takes (any thread may release)
     */
    public SplitSemaphore(long capacity, boolean oneTaker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("permits: " + capacity + " is invalid; expected at least 1");
        }
        this.capacity = capacity;
        this.oneTaker = oneTaker;
    }

    /** Takes one if there is room; never waits. */
    public boolean tryAcquire() {
        return take(false);
    }

    /** Takes one, waiting while there is none. */
    public void acquire() throws InterruptedException {
        if (take(false)) {
            return;
        }
        lock.lockInterruptibly();
        try {
            cells.getAndIncrement(WAITERS);
            try {
                while (!take(true)) {
                    released.await();
                }
            } finally {
                cells.getAndDecrement(WAITERS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes one within {@code timeout}; false if there was none by then. */
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        if (take(false)) {
            return true;
        }
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0) {
            return take(true);
        }
        if (!lock.tryLock(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        try {
            cells.getAndIncrement(WAITERS);
            try {
                while (!take(true)) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = released.awaitNanos(nanos);
                }
                return true;
            } finally {
                cells.getAndDecrement(WAITERS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives {@code n} back (or floods it on cancel, so every waiter wakes up and looks). */
    public void release(long n) {
        cells.getAndAdd(RETURNED, n);
        if (cells.get(WAITERS) != 0) {
            lock.lock();
            try {
                released.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    public void release() {
        release(1);
    }

    /** How many may be taken now (a snapshot). */
    public long availablePermits() {
        return capacity - (cells.get(TAKEN) - cells.get(RETURNED));
    }

    /** @param fresh read {@code returned} even if the cached value leaves room (a waiter must) */
    private boolean take(boolean fresh) {
        while (true) {
            long t = cells.get(TAKEN);
            if (fresh || t - cells.getOpaque(SEEN) >= capacity) {
                long r = cells.get(RETURNED);
                cells.setOpaque(SEEN, r);
                if (t - r >= capacity) {
                    return false;
                }
            }
            if (oneTaker) {
                cells.setRelease(TAKEN, t + 1);
                return true;
            }
            if (cells.compareAndSet(TAKEN, t, t + 1)) {
                return true;
            }
        }
    }
}
