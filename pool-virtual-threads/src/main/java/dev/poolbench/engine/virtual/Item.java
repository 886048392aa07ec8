package dev.poolbench.engine.virtual;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One accepted item on its way through a lane, with the per-key chaining that KEYED needs: an
 * item waits for its predecessor (the previous accepted item with an equal key) to have
 * entered, and then finished, each step before it enters or runs that step itself. Step
 * {@code n} (after the last stage) is the fan-in. Progress only grows.
 *
 * <p>The wake-up needs no poll: an item has at most one waiter at a time — the nearest
 * later item of its key that has not ended (every item is the {@code prev} of exactly one later
 * item, and path compression only skips items that ended, which wait no more). The waiter
 * publishes itself and then re-reads the progress; {@link #advance} writes the progress and then
 * reads the waiter (both volatile), so one of them sees the other: no lost wake-up. A cancel
 * interrupts the waiting thread, and each ending item wakes its waiter, which then sees the cancel.
 */
final class Item {
    static final int END = Integer.MAX_VALUE;
    private static final AtomicIntegerFieldUpdater<Item> PROGRESS =
            AtomicIntegerFieldUpdater.newUpdater(Item.class, "progress");

    final Object input;
    final Lane lane;
    final long seq;
    final Object key;
    /** The current value between stages (workers mode hands it over through a queue). */
    Object value;
    /** The previous accepted item with an equal key (or one before it), or null. */
    volatile Item prev;
    /** An outcome was counted (or the output was handed to the reorder buffer). */
    boolean settled;
    /** ORDERED: the output (not a gap) went to the reorder buffer. */
    boolean handed;

    private volatile int progress;
    private volatile Thread waiter;

    Item(Object input, Lane lane, long seq, Object key) {
        this.input = input;
        this.lane = lane;
        this.seq = seq;
        this.key = key;
        this.value = input;
    }

    static int entered(int step) {
        return 2 * step + 1;
    }

    static int done(int step) {
        return 2 * step + 2;
    }

    /** Raises progress to {@code p} (never lowers it) and wakes the successor waiting on it. */
    void advance(int p) {
        int cur;
        do {
            cur = progress;
            if (cur >= p) {
                return;
            }
        } while (!PROGRESS.compareAndSet(this, cur, p));
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /**
     * Waits until every earlier accepted item with an equal key has reached {@code target} (or
     * ended). Only the nearest one still going needs asking: an item reaches a step only after
     * its own predecessor did, and an item that ended (early: filtered, failed, cancelled) is
     * skipped in favour of its own predecessor, which it would have waited for.
     */
    void awaitPredecessor(int target, BooleanSupplier cancelled) throws InterruptedException {
        while (true) {
            Item p = prev;
            if (p == null) {
                return;
            }
            int reached = p.progress;
            if (reached == END) {
                prev = p.prev; // skip the ended item (path compression)
                continue;
            }
            if (reached >= target) {
                return;
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting for an earlier item with the same key");
            }
            p.waiter = Thread.currentThread();
            if (p.progress == reached) {
                LockSupport.park(p);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    boolean ended() {
        return progress == END;
    }

    /**
     * True if this item and every earlier one with its key have ended; then the links are cut
     * so that ended items do not keep each other reachable.
     */
    boolean chainEnded() {
        for (Item p = this; p != null; p = p.prev) {
            if (p.progress != END) {
                return false;
            }
        }
        for (Item p = this; p != null; ) {
            Item before = p.prev;
            p.prev = null;
            p = before;
        }
        return true;
    }
}
