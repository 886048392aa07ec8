package dev.poolbench.api.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The rate-limit option: admission at {@code rate} items/s with a burst of one, as the seed's
 * ticker-driven worker does. Each caller reserves the next free slot and waits for it; idle
 * time earns no credit. Waiting notices cancellation within {@value #POLL_MILLIS} ms.
 */
public final class TokenBucket {
    private static final long POLL_MILLIS = 5;

    private final long intervalNanos;
    private final AtomicLong nextSlot;

    public TokenBucket(double itemsPerSecond) {
        if (!(itemsPerSecond > 0) || Double.isInfinite(itemsPerSecond)) {
            throw new IllegalArgumentException("rateLimit: " + itemsPerSecond + " is invalid; expected items/s > 0");
        }
        this.intervalNanos = Math.max(1L, Math.round(1e9 / itemsPerSecond));
        this.nextSlot = new AtomicLong(System.nanoTime());
    }

    /** A bucket for {@code itemsPerSecond}, or null when it is 0 (no limit). */
    public static TokenBucket forRate(double itemsPerSecond) {
        return itemsPerSecond == 0 ? null : new TokenBucket(itemsPerSecond);
    }

    /** Waits for a token. */
    public void acquire(BooleanSupplier cancelled) throws InterruptedException {
        tryAcquire(Long.MAX_VALUE, cancelled);
    }

    /**
     * Waits for a token at most {@code timeoutNanos}; false (and no token taken) if the next free
     * slot lies beyond the timeout.
     *
     * @throws CancellationException when {@code cancelled} turns true while waiting
     */
    public boolean tryAcquire(long timeoutNanos, BooleanSupplier cancelled) throws InterruptedException {
        long now = System.nanoTime();
        long slot;
        while (true) {
            long n = nextSlot.get();
            slot = Math.max(n, now);
            if (slot - now > timeoutNanos) {
                return false;
            }
            if (nextSlot.compareAndSet(n, slot + intervalNanos)) {
                break;
            }
        }
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting for the rate limit");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long remaining = slot - System.nanoTime();
            if (remaining <= 0) {
                return true;
            }
            LockSupport.parkNanos(this, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
        }
    }
}
