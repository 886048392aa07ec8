package dev.poolbench.engine.virtual;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The per-task threads of an instance without a map add/remove per item: a ring of slots, each
 * holding the last thread put there (by the thread itself, or by its starter when one thread at a
 * time starts them all; into the slot its thread id picks: thread ids grow by one per thread
 * started, so consecutive items take distinct slots until the ring wraps). Consecutive ids go to slots {@code size / 16} apart ({@link #slotOf}; a cache line
 * or more from 256 slots, which a buffer of 64 already gives): two carriers
 * running consecutive items would otherwise write the same line, once per item each. A
 * thread never clears its slot; the next one put there displaces it, and a displaced thread that has not
 * terminated yet (a rare straggler: the ring is sized above the bound on live items) is kept in a
 * side list. So every thread ever put here is in a slot, in the side list, or known dead — which
 * is what cancel (interrupt them) and termination (join them, once) need.
 *
 * <p>A thread is put here before it starts, or puts itself here first thing, before it checks the
 * cancel flag and before anything that blocks: a cancel (which sets the flag, then scans the slots) either sees it here and
 * interrupts it, or is seen by it. Every thread puts itself before it gives up its hold of the
 * termination word, so at termination every thread is in a slot, in the side list, or dead.
 */
final class ThreadSlots {
    /**
     * The ring's largest size. Above it, displaced threads still alive go to the side list (a
     * topology of 65,537 live items: ~9 % of the JFR samples in its adds, getState reads and
     * prunes), but a larger ring keeps every dead thread in it reachable: at 2^18 slots that
     * topology ran at half the rate (1.25 M → 0.6 M items/s, 2026-12-01), the retained threads
     * costing the collector more than the side list costs.
     */
    static final int MAX_SLOTS = 8192;

    /** Slots per 64-byte line, with compressed references (4 bytes each). */
    private static final int PER_LINE = 16;

    private final AtomicReferenceArray<Thread> slots;
    private final int mask;
    private final int lineShift;
    private final ConcurrentLinkedQueue<Thread> stragglers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger straggling = new AtomicInteger();
    private volatile int pruneAt = 64;

    /** @param liveBound the most item threads alive at once (the instance's in-flight bound) */
    ThreadSlots(long liveBound) {
        long want = Math.min(MAX_SLOTS, Math.max(16, 2 * liveBound));
        int size = Integer.highestOneBit((int) want - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.lineShift = Integer.numberOfTrailingZeros(size / PER_LINE);
    }

    /**
     * A bijection of {@code [0, size)} that sends consecutive ids to different lines: the low four
     * bits pick the line-sized block's position, the rest the line. Ids {@code size} apart share a slot.
     */
    int slotOf(long threadId) {
        int i = (int) threadId & mask;
        return ((i & (PER_LINE - 1)) << lineShift) | (i >>> 4);
    }

    /** Records the calling thread (any number of threads at once: an atomic exchange). */
    void putSelf() {
        Thread t = Thread.currentThread();
        keepIfAlive(slots.getAndSet(slotOf(t.threadId()), t));
    }

    /**
     * Records {@code t}, not started yet, on the thread that will start it: for an instance whose
     * threads are all started by one thread at a time (a single-producer input), which alone
     * writes the slots, so a release store does what the exchange does. It replaces the thread's
     * own {@link #putSelf}, a locked exchange per item on the carrier (13 % of the engine's samples
     * on the unicast topology, JFR, 2026-12-01). The slot is visible before the thread runs: its
     * start is ordered after this store, and the cancel flag it reads after a fence of its own.
     */
    void putBeforeStart(Thread t) {
        int i = slotOf(t.threadId());
        Thread before = slots.getPlain(i);
        slots.setRelease(i, t);
        keepIfAlive(before);
    }

    /** A thread displaced from its slot stays known until it is seen terminated. */
    private void keepIfAlive(Thread before) {
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
