package dev.poolbench.kit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A latch a stage blocks on, either interruptibly ({@link #await()}) or ignoring interrupts
 * ({@link #awaitIgnoringInterrupts()}); counts how many callers arrived. Tests release every gate
 * at the end, so nothing stays blocked.
 */
public final class Gate {
    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger interrupted = new AtomicInteger();

    /** Blocks interruptibly until released; counts the interrupt and rethrows it. */
    public void await() throws InterruptedException {
        arrived.incrementAndGet();
        try {
            open.await();
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        }
    }

    /** Blocks until released, swallowing interrupts (stage code that ignores cancellation). */
    public void awaitIgnoringInterrupts() {
        arrived.incrementAndGet();
        boolean wasInterrupted = false;
        while (true) {
            try {
                open.await();
                break;
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                wasInterrupted = true;
            }
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public void release() {
        open.countDown();
    }

    public boolean isReleased() {
        return open.getCount() == 0;
    }

    /** Counts a caller that arrived without blocking here (it waits in its own way). */
    public void arrive() {
        arrived.incrementAndGet();
    }

    public int arrived() {
        return arrived.get();
    }

    public int interrupted() {
        return interrupted.get();
    }

    /** Waits until at least {@code n} callers arrived; false on timeout. */
    public boolean awaitArrivals(int n, long timeout, TimeUnit unit) throws InterruptedException {
        long due = System.nanoTime() + unit.toNanos(timeout);
        while (arrived.get() < n) {
            if (System.nanoTime() - due > 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
