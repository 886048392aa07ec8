package dev.poolbench.api.support;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A reorder buffer for the ORDERED option: items are numbered 0, 1, 2, … at acceptance, each
 * completion is reported with its number (an event, or null for a gap: filtered, failed,
 * cancelled), and events leave to {@code downstream} in number order, one at a time under this
 * object's lock, so downstream is never called concurrently.
 *
 * <p>{@link #awaitWindow} lets an engine keep held-back items inside its in-flight bound: an
 * item numbered {@code seq} is admitted only while {@code seq < next() + window}.
 */
public final class Reorderer<E> {
    private static final Object GAP = new Object();

    private final Consumer<? super E> downstream;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Map<Long, Object> held = new HashMap<>();
    private long next;
    private boolean discarded;

    public Reorderer(Consumer<? super E> downstream) {
        this.downstream = downstream;
    }

    /**
     * Reports item {@code seq} complete. Emits it, and every held item after it that is now
     * contiguous, to downstream. An exception from downstream propagates to this caller after
     * the buffer moved past that item.
     */
    @SuppressWarnings("unchecked")
    public void complete(long seq, E eventOrNull) {
        lock.lock();
        try {
            if (discarded) {
                return;
            }
            if (seq != next) {
                held.put(seq, eventOrNull == null ? GAP : eventOrNull);
                return;
            }
            Object current = eventOrNull == null ? GAP : eventOrNull;
            try {
                while (true) {
                    next++;
                    if (current != GAP) {
                        downstream.accept((E) current);
                    }
                    current = held.remove(next);
                    if (current == null) {
                        break;
                    }
                }
            } finally {
                advanced.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The number of the next item to leave. */
    public long next() {
        lock.lock();
        try {
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Items completed but held back behind an earlier one. */
    public int held() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until {@code seq < next() + window}.
     *
     * @throws CancellationException when {@code cancelled} turns true (checked every few ms and on
     *                               every advance)
     */
    public void awaitWindow(long seq, long window, BooleanSupplier cancelled) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (seq >= next + window && !discarded) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled while waiting for the reorder window");
                }
                advanced.await(5, TimeUnit.MILLISECONDS);
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting for the reorder window");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * On cancel: drops every held event and ignores later completions. Returns how many held
     * events (not gaps) were dropped, so the engine can count them cancelled.
     */
    public int discardHeld() {
        lock.lock();
        try {
            discarded = true;
            int n = 0;
            for (Object o : held.values()) {
                if (o != GAP) {
                    n++;
                }
            }
            held.clear();
            advanced.signalAll();
            return n;
        } finally {
            lock.unlock();
        }
    }
}
