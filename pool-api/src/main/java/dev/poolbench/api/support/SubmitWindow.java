package dev.poolbench.api.support;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The stretch of a submit between its look at "closed? cancelled?" and the moment its item is in
 * the engine: a close must not end the instance while a producer is in there (its item would come
 * after the end), and a producer that enters after the close must see it. Both sides write, then
 * read what the other wrote (a Dekker handshake), so each side needs one ordered write before its
 * read.
 *
 * <p>Counted (any number of producers): a locked add on the way in and one on the way out; the
 * last producer out sees a close that came while it was inside and ends the instance itself.
 * That is two locked instructions per item, and each waits until the producer's earlier stores
 * (the item, the ring slot) have left its store buffer: on a disruptor ring of one consumer, the
 * two made the producer about 1.7 times slower.
 *
 * <p>Sole (the caller promised one thread at a time submits, SPEC §2): one volatile write on the
 * way in (an odd count: inside), a release store on the way out (even). The way out is not ordered
 * before the producer's next read, so a close may find the count odd just after the producer
 * left without seeing it; so the closing side waits ({@link #settle}) until the count is even.
 * That wait is short because the window must hold only code that never waits for another thread:
 * the engine waits for room before it enters and leaves to wait again.
 */
public final class SubmitWindow {
    /** 16 longs = 128 bytes: the count has a line of its own, written by the producer per item. */
    private static final int SLOT = 16;
    private static final int SPINS = 128;
    private static final int YIELDS = 64;

    private final boolean sole;
    private final AtomicLongArray count = new AtomicLongArray(3 * SLOT);

    /** @param soleProducer one thread at a time enters (the caller's promise); else any number at once */
    public SubmitWindow(boolean soleProducer) {
        this.sole = soleProducer;
    }

    /** On the way in, before the producer reads "closed" and "cancelled": that read is ordered after this. */
    public void enter() {
        if (sole) {
            count.set(SLOT, count.getPlain(SLOT) + 1); // a volatile write: ordered before the next volatile read
        } else {
            count.getAndAdd(SLOT, 1);
        }
    }

    /**
     * On the way out, in a {@code finally}; then the producer reads "closed" and, if so, tries to end.
     *
     * @return whether nobody is inside now (counted: this producer was the last; sole: always)
     */
    public boolean exit() {
        if (sole) {
            count.setRelease(SLOT, count.getPlain(SLOT) + 1);
            return true;
        }
        return count.getAndAdd(SLOT, -1) == 1;
    }

    /** Whether nobody is inside at this moment; never waits. */
    public boolean isQuiet() {
        long c = count.get(SLOT);
        return sole ? (c & 1) == 0 : c == 0;
    }

    /**
     * The closing side, once "closed" (or "cancelled") is visible: whether it may end the instance
     * now. Sole: waits until the producer is out of its window, then true. Counted: never waits;
     * false means a producer is inside, and it will see the close on its way out
     * ({@link #exit} returns true to the last one). Never call this from inside the window.
     */
    public boolean settle() {
        if (!sole) {
            return isQuiet();
        }
        for (int rounds = 0; (count.get(SLOT) & 1) != 0; rounds++) {
            if (rounds < SPINS) {
                Thread.onSpinWait();
            } else if (rounds < SPINS + YIELDS) {
                Thread.yield(); // the producer may be off its core mid-window
            } else {
                LockSupport.parkNanos(this, 10_000);
            }
        }
        return true;
    }
}
