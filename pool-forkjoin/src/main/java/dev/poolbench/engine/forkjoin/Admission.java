package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.MergeInput;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.support.SubmitWindow;
import dev.poolbench.api.support.TokenBucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The input side: each {@link Source} (one per merge input, else one) admits an item into its
 * first stage once that stage has a free slot, after the rate limit and, under ORDERED, a permit
 * of the reorder window. A submitter blocks on the stage's slot count, nothing else: producers of
 * different inputs or lanes never meet on a lock.
 *
 * <p>A submitter that has its slot enters its source's {@link SubmitWindow}, re-checks close and
 * cancel, and enters its item; the instance finishes only once no window holds anyone, and a
 * close or cancel first settles the windows. So an item is either refused or accepted before the
 * instance can finish, never after. The window holds no waiting: the slot is taken before it.
 */
final class Admission<I> {
    private final ForkJoinInstance<I> in;
    private final Scheduling scheduling;
    private final List<StageNode[]> lanes;
    private final PatternKind kind;
    private final Ordering.Keyed keyed;
    private final TokenBucket bucket;
    /** ORDERED only: permits for items in flight, reorder buffer included. */
    final Semaphore window;
    private final AtomicLong nextSeq = new AtomicLong();
    final List<Source> sources;
    private final AtomicInteger openSources;
    /** Fan-out: where the next unkeyed item tries first (a racy hint is fine). */
    private int roundRobin;
    /** One thread at a time submits to the only input (the caller's promise): acceptances are counted without a locked add. */
    private final boolean soleProducer;

    Admission(ForkJoinInstance<I> in, Scheduling scheduling, List<StageNode[]> lanes, PatternKind kind,
              Ordering.Keyed keyed, TokenBucket bucket, Semaphore window, int inputs, boolean singleProducer) {
        this.in = in;
        this.scheduling = scheduling;
        this.lanes = lanes;
        this.kind = kind;
        this.keyed = keyed;
        this.bucket = bucket;
        this.window = window;
        List<Source> s = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            s.add(new Source(i, singleProducer));
        }
        this.sources = List.copyOf(s);
        this.openSources = new AtomicInteger(inputs);
        this.soleProducer = singleProducer && inputs == 1;
    }

    /** One input: a merge has one per lane, every other pattern exactly one. */
    final class Source implements MergeInput<I> {
        private final int index;
        /** Its submitters between their look at "closed" and their item's entry into the first stage. */
        private final SubmitWindow submitting;
        private volatile boolean closed;

        Source(int index, boolean singleProducer) {
            this.index = index;
            this.submitting = new SubmitWindow(singleProducer);
        }

        @Override
        public void submit(I item) throws InterruptedException {
            admit(this, item, Long.MAX_VALUE);
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
            return admit(this, item, Math.max(0, unit.toNanos(timeout)));
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            if (openSources.decrementAndGet() == 0) {
                in.allClosed = true;
            }
            settle();
            in.tryFinish();
        }
    }

    /** Accepts {@code item} once its first stage has room; false if {@code timeoutNanos} ran out first. */
    private boolean admit(Source source, I item, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        checkOpen(source);
        boolean timed = timeoutNanos != Long.MAX_VALUE;
        long due = timed ? System.nanoTime() + timeoutNanos : 0; // an untimed submit never reads the clock
        if (bucket != null && !bucket.tryAcquire(timeoutNanos, () -> in.cancelled)) {
            return false;
        }
        Object key = keyed != null ? keyed.keyOf(item) : null;
        boolean permit = false;
        boolean accepted = false;
        try {
            if (window != null) {
                permit = timed ? window.tryAcquire(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : acquired(window);
                if (!permit) {
                    return false;
                }
            }
            StageNode first = takeSlot(source, key, timed, due);
            if (first == null) {
                return false;
            }
            source.submitting.enter();
            try {
                if (in.cancelled || source.closed) {
                    first.release();
                    checkOpen(source);
                }
                in.counters.accepted(soleProducer);
                accepted = true;
                if (keyed == null && window == null) {
                    scheduling.enterBare(first, item);
                } else {
                    scheduling.enter(new Item(item, key, window != null ? nextSeq.getAndIncrement() : -1, first));
                }
            } finally {
                if (source.submitting.exit() && (in.allClosed || in.cancelled)) {
                    in.tryFinish();
                }
            }
            return true;
        } finally {
            if (permit && !accepted) {
                window.release();
            }
        }
    }

    private static boolean acquired(Semaphore s) throws InterruptedException {
        s.acquire();
        return true;
    }

    /**
     * Takes a slot of the item's first stage: a merge input's own lane, the one lane of a pool or
     * pipeline, the lane its key picks (fan-out KEYED), else the first fan-out lane with room from
     * the round-robin position on. Null if the timeout ran out.
     */
    private StageNode takeSlot(Source source, Object key, boolean timed, long due) throws InterruptedException {
        StageNode node;
        if (kind == PatternKind.MERGE) {
            node = lanes.get(source.index)[0];
        } else if (lanes.size() == 1) {
            node = lanes.get(0)[0];
        } else if (key != null) {
            node = lanes.get(Math.floorMod(key.hashCode(), lanes.size()))[0];
        } else {
            int n = lanes.size();
            int start = roundRobin;
            roundRobin = start + 1 == n ? 0 : start + 1;
            for (int i = 0; i < n; i++) {
                StageNode c = lanes.get((start + i) % n)[0];
                if (c.slots.tryAcquire()) {
                    return c;
                }
            }
            node = lanes.get(start)[0]; // every lane full: wait for this one
        }
        if (!timed) {
            node.acquire();
            return node;
        }
        return node.tryAcquire(Math.max(0, due - System.nanoTime())) ? node : null;
    }

    private void checkOpen(Source source) {
        if (in.cancelled) {
            throw in.cancellation();
        }
        if (source.closed) {
            throw new IllegalStateException("submit after close");
        }
    }

    /** Whether no source has a submitter between its look at "closed" and its item's entry, at this moment. */
    boolean quiet() {
        for (Source s : sources) {
            if (!s.submitting.isQuiet()) {
                return false;
            }
        }
        return true;
    }

    /**
     * After a close or a cancel, before its {@code tryFinish}: waits for a sole submitter still in
     * its window (it may have left without seeing the close; see {@link SubmitWindow#settle}).
     * Never from inside a window: {@code tryFinish} itself only looks ({@link #quiet}).
     */
    void settle() {
        for (Source s : sources) {
            s.submitting.settle();
        }
    }
}
