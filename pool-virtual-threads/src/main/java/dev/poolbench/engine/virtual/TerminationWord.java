package dev.poolbench.engine.virtual;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The one atomic word that decides when an instance terminates, so that the decision is
 * race-free by construction: no sequence of separate reads that a submitter could slip between.
 * It packs the number of <em>holders</em> (a submitter inside {@code submit}/{@code offer}, an
 * item's thread in per-task mode, a worker in workers mode), the number of inputs still open and
 * a cancelled bit. The instance terminates on the one update that leaves no holder while no
 * input is open or a cancel came.
 *
 * <p>A submitter {@link #enter enters} before it checks whether the instance is open: once it
 * holds, no termination can happen until it {@link #leave leaves}, and an entry after
 * termination sees (through the word's total order) the close or cancel that caused it. In
 * per-task mode the submitter's hold passes to the item's thread when it starts, so an accepted
 * item costs one increment (the submitter) and one decrement (the thread's last act).
 */
final class TerminationWord {
    private static final long HOLDERS = (1L << 32) - 1;
    private static final long OPEN_INPUT = 1L << 32;
    private static final long CANCELLED = 1L << 62;

    /** Longs between the word and anything else on the heap: 128 bytes, two lines either side. */
    private static final int PAD = 16;

    /**
     * The word, alone on its cache line: every item's submitter and thread write it once each, and
     * a plain {@code AtomicLong} would share its line with whatever was allocated next to it (the
     * runner's and this object's own fields, read once per item), making those reads miss too.
     */
    private final AtomicLongArray cell = new AtomicLongArray(2 * PAD + 1);
    private final Runnable onEnd;

    /** @param onEnd runs on the update that ends the instance (it must tolerate running more than once) */
    TerminationWord(int inputs, Runnable onEnd) {
        cell.set(PAD, inputs * OPEN_INPUT);
        this.onEnd = onEnd;
    }

    void enter() {
        cell.getAndIncrement(PAD);
    }

    void leave() {
        if (ends(cell.decrementAndGet(PAD))) {
            onEnd.run();
        }
    }

    /** One input closed for good (called once per input). */
    void inputEnded() {
        if (ends(cell.addAndGet(PAD, -OPEN_INPUT))) {
            onEnd.run();
        }
    }

    /** The instance was cancelled (idempotent). */
    void cancelled() {
        long before = cell.getAndUpdate(PAD, w -> w | CANCELLED);
        if ((before & CANCELLED) == 0 && ends(before | CANCELLED)) {
            onEnd.run();
        }
    }

    /** Holders now (a diagnostic for tests and assertions; the decision never reads it separately). */
    long holders() {
        return cell.get(PAD) & HOLDERS;
    }

    private static boolean ends(long w) {
        return (w & HOLDERS) == 0 && ((w & CANCELLED) != 0 || w == 0);
    }
}
