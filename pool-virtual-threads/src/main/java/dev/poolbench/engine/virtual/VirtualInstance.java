package dev.poolbench.engine.virtual;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.MergeInput;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.DeadlineWatch;
import dev.poolbench.api.support.FailureCollector;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running instance of the virtual engine, for every pattern shape: one or more
 * {@link Lane lanes} of stages, one or more inputs, one {@link FanIn}.
 *
 * <p>Admission (on the submitting thread): rate-limit token, ORDERED window permit, then the
 * first stage's admission permit of the chosen lane; then the item is accepted (sequence number,
 * key chaining) and handed over: per-task mode starts a new virtual thread that carries it
 * through every stage and the fan-in; workers mode puts it on the first stage's queue. The bound
 * holds because every in-flight item holds an admission permit of some stage (or is a worker's
 * current item), and under ORDERED also a window permit until it has left the reorder buffer.
 *
 * <p>Cancel floods every semaphore (blocked submitters wake and throw
 * {@link CancellationException}), interrupts every running engine thread, and termination
 * counts whatever never reached an outcome as cancelled. Termination needs every input closed
 * (or a cancel), no submitter inside {@code submit}, and every engine thread ended.
 */
final class VirtualInstance<I> implements Running<I>, RunningMerge<I> {
    private static final long NO_TIMEOUT = Long.MIN_VALUE;

    private final VirtualMode mode;
    private final ErrorPolicy errors;
    private final Ordering.Keyed keyed;
    private final boolean ordered;
    private final Lane[] lanes;
    private final List<Source> sources;
    private final List<Integer> effectiveBuffers;
    private final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    private final FanIn fanIn;
    private final ThreadRegistry threads;
    private final TokenBucket bucket;
    private final Semaphore window;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentHashMap<Object, Item> keyTails;
    private final ReentrantLock keyedEnqueue = new ReentrantLock();
    private final AtomicLong roundRobin = new AtomicLong();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean cancelOnce = new AtomicBoolean();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private volatile DeadlineWatch deadline;
    private volatile Throwable cancelCause;
    private volatile boolean cancelled;
    /** The thread delivering the combiner's aggregate (the last one out), which a cancel interrupts; under its monitor. */
    private final Object aggregateLock = new Object();
    private Thread aggregateThread;
    private boolean aggregateInterrupted;

    VirtualInstance(VirtualEngine engine, PatternKind kind, List<List<StageSpec<?, ?>>> laneStages,
                    boolean inputPerLane, PatternOptions options, Combiner<?, ?> combiner, Sink<?> sink) {
        Objects.requireNonNull(sink, "sink");
        this.mode = VirtualMode.fromOption(engine.resolveOptions(options).get(VirtualEngine.MODE));
        this.errors = options.errors();
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        this.ordered = options.ordering() instanceof Ordering.Ordered;
        this.keyTails = keyed != null ? new ConcurrentHashMap<>() : null;
        this.bucket = TokenBucket.forRate(options.rateLimit());

        this.lanes = new Lane[laneStages.size()];
        List<Integer> buffers = new ArrayList<>();
        int bound = 0;
        for (int i = 0; i < lanes.length; i++) {
            List<StageSpec<?, ?>> specs = laneStages.get(i);
            StageGate[] gates = new StageGate[specs.size()];
            for (int s = 0; s < gates.length; s++) {
                gates[s] = new StageGate(specs.get(s), mode, this::isCancelled);
                buffers.add(gates[s].buffer);
                bound += gates[s].buffer + gates[s].parallelism;
            }
            lanes[i] = new Lane(i, gates);
        }
        this.effectiveBuffers = List.copyOf(buffers);
        this.window = ordered ? new Semaphore(bound) : null;
        this.fanIn = new FanIn(this, counters, sink, combiner, lanes.length, window);

        List<Source> in = new ArrayList<>();
        if (inputPerLane) {
            for (Lane lane : lanes) {
                in.add(new Source(List.of(lane)));
            }
        } else {
            in.add(new Source(List.of(lanes)));
        }
        this.sources = List.copyOf(in);

        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        this.threads = new ThreadRegistry(factory, this::maybeTerminate);
        if (mode == VirtualMode.WORKERS) {
            try {
                for (Lane lane : lanes) {
                    for (int s = 0; s < lane.gates.length; s++) {
                        int stage = s;
                        for (int w = 0; w < lane.gates[s].parallelism; w++) {
                            threads.start(() -> workerLoop(lane, stage));
                        }
                    }
                }
            } catch (RuntimeException | Error e) {
                cancel(e);
                throw e;
            }
        }
        DeadlineWatch watch = DeadlineWatch.start(factory, options.deadline(), this::cancel);
        this.deadline = watch;
        if (terminating.get()) {
            watch.disarm();
        }
    }

    boolean isCancelled() {
        return cancelled;
    }

    // ---- input side -------------------------------------------------------------------------

    /** One input: a worker pool, pipeline or fan-out has one over all lanes; a merge one per lane. */
    private final class Source implements MergeInput<I> {
        final Lane[] targets;
        final AtomicInteger submitting = new AtomicInteger();
        final AtomicBoolean ended = new AtomicBoolean();
        volatile boolean closed;

        Source(List<Lane> targets) {
            this.targets = targets.toArray(Lane[]::new);
        }

        @Override
        public void submit(I item) throws InterruptedException {
            admit(this, item, NO_TIMEOUT);
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
            return admit(this, item, System.nanoTime() + Math.max(0, unit.toNanos(timeout)));
        }

        @Override
        public void close() {
            closed = true;
            checkEnded();
            maybeTerminate();
        }

        /** Once closed and no submitter is inside: the input has ended (workers get their end markers). */
        void checkEnded() {
            if (closed && submitting.get() == 0 && ended.compareAndSet(false, true) && mode == VirtualMode.WORKERS
                    && !cancelled) {
                for (Lane lane : targets) {
                    lane.first().sendEndMarkers();
                }
            }
        }
    }

    @Override
    public void submit(I item) throws InterruptedException {
        sources.get(0).submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return sources.get(0).offer(item, timeout, unit);
    }

    @Override
    public List<? extends MergeInput<I>> inputs() {
        return sources;
    }

    private boolean admit(Source src, Object item, long due) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        src.submitting.incrementAndGet();
        try {
            checkOpen(src);
            Object key = keyed != null ? keyed.keyOf(item) : null;
            if (bucket != null && !bucket.tryAcquire(remaining(due), this::isCancelled)) {
                return false;
            }
            if (window != null && !acquire(window, due)) {
                return false;
            }
            boolean windowHeld = window != null;
            try {
                Lane lane = acquireLane(src, key, due);
                if (lane == null) {
                    return false;
                }
                Semaphore admission = lane.first().admission;
                boolean handedOver = false;
                try {
                    checkOpen(src);
                    Item t = new Item(item, lane, ordered ? sequence.getAndIncrement() : -1, key);
                    windowHeld = false; // from here the reorder buffer returns the window permit
                    handedOver = true;
                    handOver(t);
                    return true;
                } finally {
                    if (!handedOver) {
                        admission.release();
                    }
                }
            } finally {
                if (windowHeld) {
                    window.release();
                }
            }
        } finally {
            if (src.submitting.decrementAndGet() == 0) {
                src.checkEnded();
            }
            maybeTerminate();
        }
    }

    /** Accepts {@code t} (its lane's first admission permit is held) and starts it moving. */
    private void handOver(Item t) {
        if (mode == VirtualMode.PER_TASK) {
            if (keyed != null) {
                t.prev = keyTails.put(t.key, t);
            }
            counters.accepted();
            try {
                threads.start(() -> runTask(t));
            } catch (RuntimeException | Error e) {
                notStarted(t, e);
                throw e;
            }
        } else if (keyed != null) {
            // queue order must equal per-key acceptance order: chain and enqueue atomically (never blocks)
            keyedEnqueue.lock();
            try {
                t.prev = keyTails.put(t.key, t);
                counters.accepted();
                t.lane.first().queue.add(t);
            } finally {
                keyedEnqueue.unlock();
            }
        } else {
            counters.accepted();
            t.lane.first().queue.add(t);
        }
    }

    private void notStarted(Item t, Throwable e) {
        t.lane.first().admission.release();
        t.settled = true;
        counters.failed();
        fatal(new Failure(t.input, "engine", e));
        end(t);
    }

    /** The lane for a new item with its first admission permit taken, or null on timeout. */
    private Lane acquireLane(Source src, Object key, long due) throws InterruptedException {
        Lane[] targets = src.targets;
        Lane lane;
        if (targets.length == 1) {
            lane = targets[0];
        } else if (key != null) {
            lane = targets[Math.floorMod(key.hashCode(), targets.length)];
        } else {
            int start = (int) Math.floorMod(roundRobin.getAndIncrement(), (long) targets.length);
            for (int i = 0; i < targets.length; i++) {
                Lane candidate = targets[(start + i) % targets.length];
                if (candidate.first().admission.tryAcquire()) {
                    return candidate;
                }
            }
            lane = targets[start];
        }
        return acquire(lane.first().admission, due) ? lane : null;
    }

    private static boolean acquire(Semaphore s, long due) throws InterruptedException {
        if (due == NO_TIMEOUT) {
            s.acquire();
            return true;
        }
        return s.tryAcquire(remaining(due), TimeUnit.NANOSECONDS);
    }

    private static long remaining(long due) {
        return due == NO_TIMEOUT ? Long.MAX_VALUE : Math.max(0, due - System.nanoTime());
    }

    private void checkOpen(Source src) {
        if (cancelled) {
            throw cancellation();
        }
        if (src.closed) {
            throw new IllegalStateException("submit after close");
        }
    }

    private CancellationException cancellation() {
        CancellationException e = new CancellationException("instance cancelled");
        Throwable cause = failures.hasFailed() ? failures.first().cause() : cancelCause;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    // ---- per-task mode: one virtual thread carries one item --------------------------------------

    private void runTask(Item t) {
        StageGate[] gates = t.lane.gates;
        int held = 0; // the admission permit this thread holds
        try {
            Object value = t.input;
            for (int s = 0; s < gates.length; s++) {
                StageGate g = gates[s];
                if (s > 0) {
                    t.awaitPredecessor(Item.entered(s), this::isCancelled);
                    g.admission.acquire();
                    gates[held].admission.release();
                    held = s;
                    t.advance(Item.entered(s));
                }
                t.awaitPredecessor(Item.done(s), this::isCancelled);
                g.running.acquire();
                try {
                    value = runStage(t, g, value);
                } finally {
                    g.running.release();
                }
                if (t.settled) {
                    return;
                }
                t.advance(Item.done(s));
                if (value == null) {
                    t.settled = true;
                    counters.filtered();
                    return;
                }
            }
            toFanIn(t, value);
        } catch (InterruptedException | CancellationException e) {
            if (!cancelled) {
                cancel(e);
            }
        } catch (Throwable e) {
            engineFailed(t, e);
        } finally {
            gates[held].admission.release();
            end(t);
        }
    }

    // ---- workers mode: p long-lived virtual threads per stage --------------------------------

    private void workerLoop(Lane lane, int s) {
        StageGate g = lane.gates[s];
        try {
            while (!cancelled) {
                Object o;
                try {
                    o = g.queue.take();
                } catch (InterruptedException e) {
                    continue; // the loop condition decides: only a cancel ends a worker early
                }
                if (o == StageGate.END_MARKER) {
                    break;
                }
                g.admission.release();
                workOn((Item) o, s);
                if (!cancelled) {
                    Thread.interrupted(); // stage code's own interrupt must not end this worker
                }
            }
        } finally {
            if (g.workersLeft.decrementAndGet() == 0 && s + 1 < lane.gates.length && !cancelled) {
                lane.gates[s + 1].sendEndMarkers();
            }
        }
    }

    private void workOn(Item t, int s) {
        StageGate[] gates = t.lane.gates;
        boolean passedOn = false;
        try {
            t.awaitPredecessor(Item.done(s), this::isCancelled);
            Object value = runStage(t, gates[s], t.value);
            if (t.settled) {
                return;
            }
            t.advance(Item.done(s));
            if (value == null) {
                t.settled = true;
                counters.filtered();
                return;
            }
            if (s + 1 < gates.length) {
                StageGate next = gates[s + 1];
                t.awaitPredecessor(Item.entered(s + 1), this::isCancelled);
                next.admission.acquire();
                if (cancelled) {
                    return;
                }
                t.value = value;
                next.queue.add(t);
                passedOn = true;
                t.advance(Item.entered(s + 1)); // after the add: queue order is per-key order
                return;
            }
            toFanIn(t, value);
        } catch (InterruptedException | CancellationException e) {
            if (!cancelled) {
                cancel(e);
            }
        } catch (Throwable e) {
            engineFailed(t, e);
        } finally {
            if (!passedOn) {
                end(t);
            }
        }
    }

    // ---- common per-item steps -----------------------------------------------------------------

    /** Runs one stage on {@code value}; on failure or cancel counts the outcome (settled) and returns null. */
    private Object runStage(Item t, StageGate g, Object value) {
        if (cancelled) {
            t.settled = true;
            counters.cancelled();
            return null;
        }
        try {
            return g.function.apply(value, g.context);
        } catch (Throwable x) {
            stageFailed(t, g.name, x);
            return null;
        } finally {
            if (!cancelled) {
                Thread.interrupted(); // an interrupt the stage code gave itself is not a cancel of ours
            }
        }
    }

    private void stageFailed(Item t, String stage, Throwable x) {
        t.settled = true;
        if (cancelled && (x instanceof InterruptedException || x instanceof CancellationException)) {
            counters.cancelled();
            return;
        }
        counters.failed();
        Failure failure = new Failure(t.input, stage, x);
        if (x instanceof Error || errors == ErrorPolicy.FAIL_FAST) {
            fatal(failure);
        } else {
            fanIn.failure(failure);
        }
    }

    private void toFanIn(Item t, Object value) throws InterruptedException {
        if (fanIn.combining()) {
            fanIn.accumulate(t, value);
        } else if (ordered) {
            t.settled = true;
            t.handed = true;
            fanIn.complete(t.seq, t.input, value);
        } else {
            if (keyed != null) {
                t.awaitPredecessor(Item.done(t.lane.gates.length), this::isCancelled);
            }
            fanIn.deliver(t, value);
        }
    }

    private void engineFailed(Item t, Throwable e) {
        if (!t.settled) {
            t.settled = true;
            counters.failed();
        }
        fatal(new Failure(t.input, "engine", e));
    }

    /** The item's thread is done with it: count it cancelled if nothing else did, free its successors. */
    private void end(Item t) {
        if (!t.settled) {
            t.settled = true;
            counters.cancelled();
        }
        if (ordered && !t.handed) {
            fanIn.complete(t.seq, null, null);
        }
        if (keyed != null) {
            t.advance(Item.END);
            // the key's entry goes only once nothing accepted with that key is still going
            Item tail = keyTails.get(t.key);
            if (tail != null && tail.chainEnded()) {
                keyTails.remove(t.key, tail);
            }
        }
    }

    void fatal(Failure failure) {
        if (failures.record(failure)) {
            cancel(failure.cause());
        }
    }

    // ---- ending ----------------------------------------------------------------------------

    @Override
    public void cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        if (terminating.get()) { // after termination a cancel changes nothing, unless the sink has the aggregate
            interruptAggregate(cause);
            return;
        }
        if (!cancelOnce.compareAndSet(false, true)) {
            return;
        }
        cancelCause = cause;
        cancelled = true;
        if (window != null) {
            StageGate.flood(window);
        }
        for (Lane lane : lanes) {
            for (StageGate g : lane.gates) {
                g.flood();
            }
        }
        threads.interruptAll();
        maybeTerminate();
    }

    /**
     * Terminates once no engine thread runs, no submitter is inside, and every input ended or a
     * cancel came. The reads go in that order on purpose: first "cancelled or every input ended"
     * (after which any new submitter fails {@code checkOpen}), then "no submitter inside" (a
     * submitter that passed {@code checkOpen} is inside until its thread is started), then "no
     * thread live". Read the other way round, a submitter passing {@code checkOpen} between the
     * reads could start a thread after termination and have its item counted cancelled twice.
     */
    private void maybeTerminate() {
        if (terminating.get()) {
            return;
        }
        if (!cancelled) {
            for (Source s : sources) {
                if (!s.ended.get()) {
                    return;
                }
            }
        }
        for (Source s : sources) {
            if (s.submitting.get() != 0) {
                return;
            }
        }
        if (threads.live() != 0) {
            return;
        }
        if (!terminating.compareAndSet(false, true)) {
            return;
        }
        try {
            if (fanIn.combining()) {
                emitAggregate();
            }
        } finally {
            long left = counters.inFlight();
            if (left > 0) {
                counters.cancelled(left); // discarded in queues or held back by the reorder buffer
            }
            DeadlineWatch watch = deadline;
            if (watch != null) {
                watch.disarm();
            }
            terminated.countDown();
        }
    }

    /** Gives the sink the aggregate on this thread, where a cancel can still interrupt it. */
    private void emitAggregate() {
        synchronized (aggregateLock) {
            if (cancelled) {
                return;
            }
            aggregateThread = Thread.currentThread();
        }
        try {
            fanIn.emitAggregate();
        } finally {
            synchronized (aggregateLock) {
                aggregateThread = null;
                if (aggregateInterrupted) {
                    aggregateInterrupted = false;
                    Thread.interrupted(); // our cancel's interrupt must not leak into the caller
                }
            }
        }
    }

    private void interruptAggregate(Throwable cause) {
        synchronized (aggregateLock) {
            Thread t = aggregateThread;
            if (t == null || !cancelOnce.compareAndSet(false, true)) {
                return;
            }
            cancelCause = cause;
            cancelled = true;
            if (t != Thread.currentThread()) {
                aggregateInterrupted = true;
                t.interrupt();
            }
        }
    }

    @Override
    public void close() {
        for (Source s : sources) {
            s.close();
        }
        TerminationWait.uninterruptibly(this);
        failures.throwOutcome(cancelled ? cancelCause : null);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        if (!terminated.await(timeout, unit)) {
            return false;
        }
        threads.joinEnded();
        DeadlineWatch watch = deadline;
        if (watch != null) {
            watch.join();
        }
        return true;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(effectiveBuffers);
    }
}
