package dev.poolbench.engine.virtual;

import dev.poolbench.api.Combiner;
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
import dev.poolbench.api.support.SplitSemaphore;
import dev.poolbench.api.support.TerminationWait;
import dev.poolbench.api.support.TokenBucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One running instance of the virtual engine, for every pattern shape: one or more
 * {@link Lane lanes} of stages, one or more inputs, one {@link FanIn}; its {@link Runner} (per
 * {@link VirtualMode}) moves the items. This class is the input side and the lifecycle, one file
 * of ~400 lines on purpose: admission, cancel and termination read and write the same few fields
 * (the termination word, the cancel flag, the inputs' closed state), and their handshakes are
 * easier to check side by side than across classes.
 *
 * <p>Admission (on the submitting thread): enter the {@link TerminationWord}, check the
 * instance is open, rate-limit token, ORDERED window permit, the first stage's admission permit
 * of the chosen lane; then the item is accepted and handed to the runner. The bound holds because
 * every in-flight item holds an admission permit of some stage (or is a worker's current item),
 * and under ORDERED also a window permit until it has left the reorder buffer.
 *
 * <p>Cancel floods every semaphore (blocked submitters wake and throw
 * {@link CancellationException}), interrupts every engine thread, and termination counts
 * whatever never reached an outcome as cancelled. Termination is decided by the one update of
 * the termination word that leaves no holder (submitter inside, item thread or worker) while
 * every input has closed or a cancel came; the threads are joined once, in
 * {@link #awaitTermination}.
 */
final class VirtualInstance<I> implements Running<I>, RunningMerge<I> {
    private static final long NO_TIMEOUT = Long.MIN_VALUE;

    private final VirtualMode mode;
    private final Ordering.Keyed keyed;
    private final Lane[] lanes;
    private final List<Source> sources;
    private final List<Integer> effectiveBuffers;
    final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    final FanIn fanIn;
    private final Runner runner;
    /** One thread at a time submits to the only input (the caller's promise): it counts acceptances without a locked add. */
    final boolean soleProducer;
    private final TerminationWord word;
    private final TokenBucket bucket;
    private final SplitSemaphore window;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong roundRobin = new AtomicLong();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean cancelOnce = new AtomicBoolean();
    private final AtomicBoolean terminating = new AtomicBoolean();
    private volatile DeadlineWatch deadline;
    private volatile Throwable cancelCause;
    private volatile boolean cancelled;
    private final AggregateCall aggregate = new AggregateCall();
    /** Test seam: runs on the submitter after it passed the last open check, before the hand-over. */
    private volatile Runnable beforeHandOver;

    VirtualInstance(VirtualEngine engine, PatternKind kind, List<List<StageSpec<?, ?>>> laneStages,
                    boolean inputPerLane, PatternOptions options, Combiner<?, ?> combiner, Sink<?> sink) {
        Objects.requireNonNull(sink, "sink");
        this.mode = VirtualMode.fromOption(engine.resolveOptions(options).get(VirtualEngine.MODE));
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        boolean ordered = options.ordering() instanceof Ordering.Ordered;
        this.bucket = TokenBucket.forRate(options.rateLimit());

        this.lanes = new Lane[laneStages.size()];
        List<Integer> buffers = new ArrayList<>();
        long bound = 0;
        for (int i = 0; i < lanes.length; i++) {
            List<StageSpec<?, ?>> specs = laneStages.get(i);
            StageGate[] gates = new StageGate[specs.size()];
            for (int s = 0; s < gates.length; s++) {
                gates[s] = new StageGate(specs.get(s), mode, this::isCancelled, s == 0 && options.singleProducer());
                buffers.add(gates[s].buffer);
                bound += gates[s].buffer + gates[s].parallelism;
            }
            lanes[i] = new Lane(i, gates);
        }
        this.effectiveBuffers = List.copyOf(buffers);
        this.window = ordered ? new SplitSemaphore(Math.min(Integer.MAX_VALUE / 2, bound), false) : null;
        this.fanIn = new FanIn(this, counters, sink, combiner, lanes.length, window);

        List<Source> in = new ArrayList<>();
        if (inputPerLane) {
            for (Lane lane : lanes) {
                in.add(new Source(new Lane[] {lane}));
            }
        } else {
            in.add(new Source(lanes));
        }
        this.sources = List.copyOf(in);
        this.soleProducer = options.singleProducer() && sources.size() == 1;
        this.word = new TerminationWord(sources.size(), this::terminate);

        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        if (mode == VirtualMode.WORKERS) {
            WorkersRunner workers = new WorkersRunner(this, options.errors(), ordered, keyed != null, word);
            this.runner = workers;
            try {
                workers.start(lanes, factory);
            } catch (RuntimeException | Error e) {
                cancel(e);
                throw e;
            }
        } else {
            this.runner = new PerTaskRunner(this, options.errors(), ordered, keyed != null, factory, word, bound);
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

    /** Test seam (package-private): {@code hook} runs on each submitter between its last open check and the hand-over. */
    void beforeHandOver(Runnable hook) {
        this.beforeHandOver = hook;
    }

    // ---- input side -------------------------------------------------------------------------

    /** One input: a worker pool, pipeline or fan-out has one over all lanes; a merge one per lane. */
    private final class Source implements MergeInput<I> {
        final Lane[] targets;
        final AtomicBoolean ended = new AtomicBoolean();
        volatile boolean closed;
        /** Workers mode only: submitters inside, so that end markers follow the last item. */
        final AtomicInteger submitting = new AtomicInteger();
        final AtomicBoolean drained = new AtomicBoolean();

        Source(Lane[] targets) {
            this.targets = targets;
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
            if (mode == VirtualMode.WORKERS) {
                checkDrained();
            }
            if (ended.compareAndSet(false, true)) {
                word.inputEnded();
            }
        }

        /** Workers mode: once closed with no submitter inside, the workers get their end markers. */
        void checkDrained() {
            if (closed && submitting.get() == 0 && drained.compareAndSet(false, true)) {
                runner.inputEnded(targets);
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
        boolean workers = mode == VirtualMode.WORKERS;
        word.enter(); // from here no termination until this submitter leaves (or its item's thread does)
        if (workers) {
            src.submitting.incrementAndGet();
        }
        boolean holdPassedOn = false;
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
                Item t;
                try {
                    checkOpen(src);
                    t = new Item(item, lane, window != null ? sequence.getAndIncrement() : -1, key);
                    Runnable hook = beforeHandOver;
                    if (hook != null) {
                        hook.run();
                    }
                } catch (RuntimeException | Error e) {
                    lane.first().admission.release();
                    throw e;
                }
                windowHeld = false; // from here the reorder buffer returns the window permit
                holdPassedOn = runner.handOver(t);
                return true;
            } finally {
                if (windowHeld) {
                    window.release();
                }
            }
        } finally {
            if (workers && src.submitting.decrementAndGet() == 0) {
                src.checkDrained();
            }
            if (!holdPassedOn) {
                word.leave();
            }
        }
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

    private static boolean acquire(SplitSemaphore s, long due) throws InterruptedException {
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
        runner.interruptAll();
        word.cancelled();
    }

    /** Runs on the update of the termination word that ended the instance (once; later calls return). */
    private void terminate() {
        if (!terminating.compareAndSet(false, true)) {
            return;
        }
        try {
            if (fanIn.combining()) {
                aggregate.run(this::isCancelled, fanIn::emitAggregate);
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

    private void interruptAggregate(Throwable cause) {
        aggregate.interrupt(() -> {
            if (!cancelOnce.compareAndSet(false, true)) {
                return false;
            }
            cancelCause = cause;
            cancelled = true;
            return true;
        });
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
        runner.joinAll(); // the stragglers: every thread finished its work, a few may still be exiting
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
