package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.poolbench.api.MergeInput;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.SplitSemaphore;
import dev.poolbench.api.support.SubmitWindow;
import dev.poolbench.api.support.TokenBucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The input side of a disruptor instance: its inputs, how an item gets onto the ring, and how the
 * end of input is announced to the fan-in.
 *
 * <p>Producers claim a slot with {@code tryNext()} and back off (yield, then park up to
 * {@value Region.BackOff#MAX_PARK_NANOS} ns) while the ring is full, checking cancellation,
 * interrupt and the offer timeout on every round — {@code next()} would park in a loop that sees
 * none of them. They wait outside their input's {@link SubmitWindow}: inside it a producer only
 * looks at "closed" and "cancelled", claims without waiting and publishes, so a close may wait
 * for it to come out. Before claiming, a producer takes a permit of the first stage
 * ({@code entry}: its buffer plus its parallelism, given back when the item leaves that stage)
 * and, in a merge, one of its input (its buffer plus the stage's parallelism, given back by the
 * fan-in); it never holds a claimed slot unpublished while it waits, which would make the
 * handlers spin on the cursor. A slot claimed after a cancel is published as a tombstone, so no
 * sequence is ever left unpublished.
 *
 * <p>Once every input is closed and no producer is inside a window ({@link #settled}), one more
 * slot, an end marker (a tombstone every stage skips), tells the fan-in on its own thread that it
 * has seen everything.
 */
final class Admission<I> {
    /** Released into every permit on cancel, so that all blocked producers wake up and see it. */
    private static final int FLOOD = Integer.MAX_VALUE / 4;

    private final Ordering.Keyed keyed;
    private final TokenBucket bucket;
    private final OutcomeCounters counters;
    private final BooleanSupplier cancelled;
    private final Supplier<CancellationException> cancellation;
    /** The first stage's room: its buffer + its parallelism (every lane's or input's buffer for one stage). */
    private final SplitSemaphore entry;
    /** One stage: its items hold their entry permit until the fan-in has passed them. */
    private final boolean oneStage;
    /** One thread at a time submits to the only input: it counts acceptances with a release store. */
    private final boolean soleProducer;
    /** Per merge input: its buffer + the stage's parallelism; null unless a merge. */
    private final SplitSemaphore[] permits;
    private final List<Source> inputs;
    private final AtomicInteger openInputs;
    private final AtomicBoolean endAnnounced = new AtomicBoolean();
    private volatile boolean allClosed;
    private RingBuffer<RingEvent> ring;
    private FanInHandler fanIn;

    /**
     * @param entryPermits the first stage's buffer(s) plus its parallelism
     * @param inputPermits per input: its buffer plus the stage's parallelism (one input: unused)
     * @param singleProducer the caller promised that one thread at a time submits to each input
     */
    Admission(Ordering.Keyed keyed, TokenBucket bucket, OutcomeCounters counters, BooleanSupplier cancelled,
              Supplier<CancellationException> cancellation, int entryPermits, boolean oneStage,
              int[] inputPermits, boolean singleProducer) {
        this.keyed = keyed;
        this.bucket = bucket;
        this.counters = counters;
        this.cancelled = cancelled;
        this.cancellation = cancellation;
        int sources = inputPermits.length;
        this.soleProducer = singleProducer && sources == 1;
        this.entry = new SplitSemaphore(entryPermits, soleProducer); // shared by every input
        this.oneStage = oneStage;
        this.permits = sources == 1 ? null : new SplitSemaphore[sources];
        for (int i = 0; permits != null && i < sources; i++) {
            permits[i] = new SplitSemaphore(inputPermits[i], singleProducer);
        }
        List<Source> in = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            in.add(new Source(i, singleProducer));
        }
        this.inputs = List.copyOf(in);
        this.openInputs = new AtomicInteger(sources);
    }

    /** The ring has started: producers may claim from it; the fan-in hears of the end. */
    void started(RingBuffer<RingEvent> ring, FanInHandler fanIn) {
        this.ring = ring;
        this.fanIn = fanIn;
    }

    List<Source> inputs() {
        return inputs;
    }

    /** One input of the instance; a worker pool, pipeline or fan-out has exactly one. */
    final class Source implements MergeInput<I> {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final int index;
        /** Its producers between their look at "closed" and their publish. */
        private final SubmitWindow window;

        Source(int index, boolean singleProducer) {
            this.index = index;
            this.window = new SubmitWindow(singleProducer);
        }

        @Override
        public void submit(I item) throws InterruptedException {
            admit(this, item, false, 0);
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
            return admit(this, item, true, unit.toNanos(timeout));
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && openInputs.decrementAndGet() == 0) {
                allClosed = true;
                announceEndIfQuiet();
            }
        }
    }

    private boolean admit(Source source, Object item, boolean timed, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        checkOpen(source);
        long due = timed ? System.nanoTime() + Math.max(0, timeoutNanos) : 0;
        if (bucket != null && !bucket.tryAcquire(timed ? Math.max(0, timeoutNanos) : Long.MAX_VALUE, cancelled)) {
            return false;
        }
        int keyHash = 0;
        if (keyed != null) {
            int h = keyed.keyOf(item).hashCode();
            keyHash = h ^ (h >>> 16);
        }
        SplitSemaphore permit = permits == null ? null : permits[source.index];
        if (permit != null && !take(permit, timed, due)) {
            return false;
        }
        boolean entered = false;
        boolean published = false;
        try {
            entered = take(entry, timed, due);
            if (!entered) {
                return false;
            }
            SubmitWindow window = source.window;
            int rounds = Region.BackOff.YIELD_FIRST;
            while (true) {
                window.enter();
                try {
                    checkOpen(source);
                    long sequence = tryClaim();
                    if (sequence >= 0) {
                        RingEvent event = ring.get(sequence);
                        if (cancelled.getAsBoolean()) {
                            event.tombstone();
                            ring.publish(sequence);
                            throw cancellation.get();
                        }
                        event.fill(item, keyHash, source.index);
                        counters.accepted(soleProducer);
                        ring.publish(sequence);
                        published = true;
                        return true;
                    }
                } finally {
                    if (window.exit() && allClosed) {
                        announceEndIfQuiet();
                    }
                }
                rounds = waitRound(rounds, timed, due); // the ring is full: wait outside the window
                if (rounds < 0) {
                    return false;
                }
            }
        } finally {
            if (!published) {
                if (permit != null) {
                    permit.release(1);
                }
                if (entered) {
                    entry.release(1);
                }
            }
        }
    }

    /** A free slot's sequence, or -1 while the ring is full; never waits. */
    private long tryClaim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return -1;
        }
    }

    /**
     * Takes a permit, backing off as a producer does while the ring is full (false when the
     * offer's time ran out); polling, so that waiting allocates nothing.
     */
    private boolean take(SplitSemaphore permit, boolean timed, long due) throws InterruptedException {
        int rounds = Region.BackOff.YIELD_FIRST;
        while (!permit.tryAcquire()) {
            rounds = waitRound(rounds, timed, due);
            if (rounds < 0) {
                return false;
            }
        }
        if (cancelled.getAsBoolean()) {
            permit.release(1);
            throw cancellation.get();
        }
        return true;
    }

    /** One round of a producer's wait: checks cancel and interrupt, then backs off; -1 once the time ran out. */
    private int waitRound(int rounds, boolean timed, long due) throws InterruptedException {
        if (cancelled.getAsBoolean()) {
            throw cancellation.get();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long left = timed ? due - System.nanoTime() : Long.MAX_VALUE;
        return left <= 0 ? -1 : Region.BackOff.pause(rounds, left);
    }

    private void checkOpen(Source source) {
        if (cancelled.getAsBoolean()) {
            throw cancellation.get();
        }
        if (source.closed.get()) {
            throw new IllegalStateException("submit after close");
        }
    }

    /**
     * Every input closed and no producer inside: every claimed sequence is published, so the end
     * marker goes after all of them and the fan-in delivers the combiner's aggregate on its own
     * thread, inside its user-code gate where a cancel can interrupt it. After a cancel there is
     * nothing to announce.
     */
    private void announceEndIfQuiet() {
        if (allClosed && settled() && endAnnounced.compareAndSet(false, true)) {
            long marker;
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return;
                }
                try {
                    marker = ring.tryNext();
                    break;
                } catch (InsufficientCapacityException full) {
                    LockSupport.parkNanos(this, 50_000);
                }
            }
            ring.get(marker).tombstone();
            fanIn.endAt(marker);
            ring.publish(marker);
        }
    }

    /** The fan-in has passed {@code items} items of input {@code source}. */
    void left(int source, int items) {
        if (permits != null) {
            permits[source].release(items);
        }
        if (oneStage) {
            entry.release(items); // the only stage's items are held until the sink has them
        }
    }

    /** {@code items} items left the first stage of several. */
    void leftFirstStage(int items) {
        entry.release(items);
    }

    /** A cancel: every producer blocked on a permit wakes up and sees it. */
    void releaseAll() {
        entry.release(FLOOD);
        if (permits != null) {
            for (SplitSemaphore p : permits) {
                p.release(FLOOD);
            }
        }
    }

    /** Whether no producer is between its look at "closed" and its publish, after a close; see {@link SubmitWindow#settle}. */
    private boolean settled() {
        for (Source s : inputs) {
            if (!s.window.settle()) {
                return false;
            }
        }
        return true;
    }

    /** Whether no producer is between its look at "cancelled" and its publish at this moment. */
    boolean quiet() {
        for (Source s : inputs) {
            if (!s.window.isQuiet()) {
                return false;
            }
        }
        return true;
    }
}
