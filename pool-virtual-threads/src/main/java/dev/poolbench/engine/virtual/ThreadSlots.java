package dev.poolbench.engine.virtual;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The per-task threads of an instance without a map add/remove per item: a ring of slots, each
 * holding the last thread put there (item {@code n} goes to slot {@code n mod size}). A thread
 * never clears its slot; the next one put there displaces it, and a displaced thread that has not
 * terminated yet (a rare straggler: the ring is sized above the bound on live items) is kept in a
 * side list. So every thread ever put here is in a slot, in the side list, or known dead — which
 * is what cancel (interrupt them) and termination (join them, once) need.
 *
 * <p>A thread is put here before it is started, so a cancel that scans the slots either sees it
 * or happens before it starts (and then it sees the cancel flag before running any stage code).
 */
final class ThreadSlots {
    private static final int MAX_SLOTS = 8192;

    private final AtomicReferenceArray<Thread> slots;
    private final int mask;
    private final AtomicLong next = new AtomicLong();
    private final ConcurrentLinkedQueue<Thread> stragglers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger straggling = new AtomicInteger();
    private volatile int pruneAt = 64;

    /** @param liveBound the most item threads alive at once (the instance's in-flight bound) */
    ThreadSlots(long liveBound) {
        long want = Math.min(MAX_SLOTS, Math.max(16, 2 * liveBound));
        int size = Integer.highestOneBit((int) want - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /** Records {@code t} (not yet started). */
    void put(Thread t) {
        Thread before = slots.getAndSet((int) (next.getAndIncrement() & mask), t);
        if (before != null && before.getState() != Thread.State.TERMINATED) {
            stragglers.add(before);
            if (straggling.incrementAndGet() > pruneAt) {
                prune();
            }
        }
    }

    /** Keeps the side list proportional to the stragglers really alive (amortised: it doubles between prunes). */
    private void prune() {
        stragglers.removeIf(t -> t.getState() == Thread.State.TERMINATED);
        int left = stragglers.size();
        straggling.set(left);
        pruneAt = 2 * left + 64;
    }

    /** Interrupts every recorded thread but the caller (dead ones ignore it). */
    void interruptAll() {
        try {
            forEachOther(Thread::interrupt);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupt() does not throw", e);
        }
    }

    /** After every item thread finished its work: waits until each has terminated. */
    void joinAll() throws InterruptedException {
        forEachOther(Thread::join);
    }

    private interface ThreadAction {
        void apply(Thread t) throws InterruptedException;
    }

    private void forEachOther(ThreadAction action) throws InterruptedException {
        Thread me = Thread.currentThread();
        for (int i = 0; i <= mask; i++) {
            Thread t = slots.get(i);
            if (t != null && t != me) {
                action.apply(t);
            }
        }
        for (Thread t : stragglers) {
            if (t != me) {
                action.apply(t);
            }
        }
    }
}
