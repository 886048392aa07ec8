package dev.poolbench.api.support;

import dev.poolbench.api.PatternStats;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The five outcome counters of a running instance. {@link #snapshot} reads the outcomes before
 * {@code accepted}, so a concurrent snapshot never shows a negative in-flight count.
 *
 * <p>Each counter is one atomic long on a cache line of its own (slots {@value #STRIDE} longs
 * apart in one array, so the layout does not depend on where the allocator puts objects). Every
 * engine bumps {@code accepted} on the submitting thread and {@code outputs} on the thread that
 * calls the sink, once per item: on one shared line (as five {@code LongAdder}s allocated side by
 * side were, 32 bytes each) those two threads invalidated each other's cache line twice per item.
 * A {@code LongAdder} also fits per-task virtual threads badly: a new thread has no random probe,
 * so once its cells exist every new thread starts on the same cell and initialises a probe.
 * The writers of each counter are few (the producers; the sink's caller, mostly under a lock),
 * so one atomic add each is what they need.
 */
public final class OutcomeCounters {
    /** 16 longs = 128 bytes: a line apart even with the adjacent-line prefetcher. */
    static final int STRIDE = 16;
    private static final int ACCEPTED = 1;
    private static final int OUTPUTS = 2;
    private static final int FILTERED = 3;
    private static final int FAILED = 4;
    private static final int CANCELLED = 5;

    /** Slot 0 and the last line stay empty: the array's header and its neighbours are someone else's lines. */
    private final AtomicLongArray counts = new AtomicLongArray((CANCELLED + 2) * STRIDE);

    private void add(int counter, long n) {
        counts.getAndAdd(counter * STRIDE, n);
    }

    private long get(int counter) {
        return counts.get(counter * STRIDE);
    }

    public void accepted() {
        add(ACCEPTED, 1);
    }

    public void output() {
        add(OUTPUTS, 1);
    }

    /**
     * {@link #accepted()} for an engine in which one thread at a time counts acceptances (a
     * single-producer instance with one input: the caller's promise, SPEC §2): a release store of
     * the next value instead of a locked add. A locked instruction waits until the thread's earlier
     * stores (the ring slot, the item) have left its store buffer; a release store does not.
     * Mixing it with {@link #accepted()} on one instance would lose counts.
     */
    public void acceptedBySoleWriter() {
        bumpBySoleWriter(ACCEPTED);
    }

    /**
     * Counts an acceptance: {@link #acceptedBySoleWriter()} when {@code soleWriter} (one thread at a
     * time accepts into this instance, for its whole life), else {@link #accepted()}.
     */
    public void accepted(boolean soleWriter) {
        count(ACCEPTED, soleWriter);
    }

    /** {@link #output()} for an engine whose outputs are counted by one thread at a time (see {@link #acceptedBySoleWriter}). */
    public void outputBySoleWriter() {
        bumpBySoleWriter(OUTPUTS);
    }

    /** Counts an output: {@link #outputBySoleWriter()} when {@code soleWriter}, else {@link #output()}. */
    public void output(boolean soleWriter) {
        count(OUTPUTS, soleWriter);
    }

    private void count(int counter, boolean soleWriter) {
        if (soleWriter) {
            bumpBySoleWriter(counter);
        } else {
            add(counter, 1);
        }
    }

    private void bumpBySoleWriter(int counter) {
        int i = counter * STRIDE;
        counts.setRelease(i, counts.getPlain(i) + 1);
    }

    public void filtered() {
        add(FILTERED, 1);
    }

    public void failed() {
        add(FAILED, 1);
    }

    public void cancelled() {
        add(CANCELLED, 1);
    }

    public void cancelled(long n) {
        add(CANCELLED, n);
    }

    public long acceptedCount() {
        return get(ACCEPTED);
    }

    /** Items accepted and not yet ended. */
    public long inFlight() {
        long done = get(OUTPUTS) + get(FILTERED) + get(FAILED) + get(CANCELLED);
        return get(ACCEPTED) - done;
    }

    public PatternStats snapshot(List<Integer> effectiveBuffers) {
        long o = get(OUTPUTS);
        long fi = get(FILTERED);
        long fa = get(FAILED);
        long c = get(CANCELLED);
        long a = get(ACCEPTED);
        return new PatternStats(a, o, fi, fa, c, Math.max(0, a - o - fi - fa - c), effectiveBuffers);
    }
}
