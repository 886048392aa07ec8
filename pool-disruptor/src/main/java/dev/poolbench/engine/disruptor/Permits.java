package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.Sequence;

/**
 * Room for a fixed number of items, taken by producers and given back by handlers, counted on
 * two padded lines ({@link Sequence}s) so that neither side writes the line the other side
 * writes: producers move {@code taken}, handlers move {@code returned}, and a producer may take
 * while {@code taken - returned < capacity}. A {@code Semaphore} keeps both in one field, so
 * every take and every give-back moved that line between the producer's core and the fan-in's:
 * in a worker pool of one worker under {@code yielding}, 61 % of the samples were that CAS.
 * Now the producer reads the handlers' line only, which changes once per batch; a single taker
 * reads it only when its last read leaves no room. With one taker (an input of a single-producer
 * instance: the caller promised that one thread at a time submits to it) a take is a plain store,
 * not a CAS.
 */
final class Permits {
    private final long capacity;
    private final boolean oneTaker;
    private final Sequence taken = new Sequence(0);
    private final Sequence returned = new Sequence(0);
    /**
     * The one taker's last read of {@code returned} (a lower bound: it only grows): it reads the
     * handlers' line again only when this leaves no room, as the Disruptor's single producer keeps
     * its gating sequence cached. Reading it on every take moved the line once per item: in a
     * worker pool of one worker under {@code yielding}, 69 % of the samples were that read.
     */
    private long returnedSeen;

    /** @param oneTaker only one thread ever takes (it may still give back from any thread) */
    Permits(long capacity, boolean oneTaker) {
        if (capacity < 1) {
            throw new IllegalArgumentException("permits: " + capacity + " is invalid; expected at least 1");
        }
        this.capacity = capacity;
        this.oneTaker = oneTaker;
    }

    /** Takes one if there is room; never waits. */
    boolean tryTake() {
        if (oneTaker) {
            long t = taken.get();
            if (t - returnedSeen >= capacity) {
                returnedSeen = returned.get();
                if (t - returnedSeen >= capacity) {
                    return false;
                }
            }
            taken.set(t + 1);
            return true;
        }
        while (true) {
            long t = taken.get();
            if (t - returned.get() >= capacity) {
                return false;
            }
            if (taken.compareAndSet(t, t + 1)) {
                return true;
            }
        }
    }

    /** Gives {@code n} back: what left, what a producer took and did not use, or a flood on cancel. */
    void giveBack(long n) {
        returned.addAndGet(n);
    }
}
