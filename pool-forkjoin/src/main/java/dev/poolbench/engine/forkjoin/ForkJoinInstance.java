package dev.poolbench.engine.forkjoin;

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
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.DeadlineWatch;
import dev.poolbench.api.support.FailureCollector;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TerminationWait;
import dev.poolbench.api.support.TokenBucket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running instance of the forkjoin engine, for every pattern shape, and its lifecycle: lanes
 * of {@link StageNode}s (one lane for a worker pool or pipeline, one per worker for a fan-out, one
 * per input for a merge) run on the instance's own {@link ForkJoinPool}. {@link Admission} takes
 * items in, {@link Scheduling} runs them through the stages, {@link Delivery} hands them to the
 * sink; this class builds them, counts how items end, and cancels and terminates.
 *
 * <p><b>Ending.</b> Every accepted item ends exactly once, counted by whoever holds it last. The
 * instance finishes when the input is closed (or it is cancelled), no submitter is half-way in
 * and nothing is in flight. Cancel wakes whoever waits for a slot, shuts the pool down now (which
 * interrupts the workers running stage code or the sink and drops queued tasks) and counts every waiting item
 * cancelled; termination waits for the pool and joins every worker thread and the deadline thread.
 */
final class ForkJoinInstance<I> implements Running<I>, RunningMerge<I> {
    /** Permits released on cancel so that every thread waiting for a slot or the window wakes up. */
    private static final int WAKE_ALL = 1 << 20;

    private final Combiner<Object, Object> combiner;
    private final List<StageNode[]> lanes;
    private final List<Integer> buffers;
    private final ForkJoinPool pool;
    private final WorkerThreads workers;
    private final DeadlineWatch deadline;
    private final Delivery delivery;
    private final Scheduling scheduling;
    private final Admission<I> admission;
    /** ORDERED only: permits for items in flight, reorder buffer included. */
    private final Semaphore window;

    final OutcomeCounters counters = new OutcomeCounters();
    /** One drain at a time calls the sink (see {@link Delivery}), so outputs are counted by one thread at a time. */
    private final boolean soleSinkCaller;
    private final FailureCollector failures = new FailureCollector();
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Object life = new Object();
    private boolean finishing; // guarded by life
    private FinishTask finishTask; // guarded by life

    volatile boolean allClosed;
    volatile boolean cancelled;
    private volatile Throwable cancelCause;

    @SuppressWarnings("unchecked")
    ForkJoinInstance(ForkJoinEngine engine, PatternKind kind, List<List<StageSpec<?, ?>>> laneSpecs,
                     boolean inputPerLane, PatternOptions options, Combiner<?, ?> combiner, Sink<?> sink,
                     Scheduling.HandOnProbe probe) {
        Map<String, String> resolved = engine.resolveOptions(options);
        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        if (!(factory instanceof ForkJoinPool.ForkJoinWorkerThreadFactory fjFactory)) {
            throw new IllegalArgumentException("threadFactory: " + factory.getClass().getName()
                    + " is invalid for the forkjoin engine; expected a ThreadFactory that also implements "
                    + "ForkJoinPool.ForkJoinWorkerThreadFactory (e.g. TrackingThreadFactory)");
        }
        this.combiner = (Combiner<Object, Object>) combiner;
        Ordering.Keyed keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        boolean ordered = options.ordering() instanceof Ordering.Ordered && combiner == null;

        this.lanes = buildLanes(kind, laneSpecs, keyed != null, options.singleProducer());
        List<Integer> buf = new ArrayList<>();
        long bound = 0;
        long threads = 0;
        long blockingThreads = 0;
        for (StageNode[] lane : lanes) {
            for (StageNode n : lane) {
                buf.add(n.buffer);
                bound += (long) n.buffer + n.parallelism;
                threads += n.parallelism;
                blockingThreads += n.blocking ? n.parallelism : 0;
            }
            if (this.combiner != null) {
                lane[lane.length - 1].partial = this.combiner.identity();
            }
        }
        this.buffers = List.copyOf(buf);
        this.window = ordered ? new Semaphore((int) Math.min(bound, 1 << 30)) : null;

        // parallelism = Σ stage parallelism; the spare threads are for managedBlock compensation only:
        // every drain waits in at most one place at a time (stage code, a full next stage, the sink)
        int maxCap = 0x7fff;
        int parallelism = (int) Math.min(maxCap, threads);
        int maxThreads = (int) Math.min(maxCap, 2 * threads + blockingThreads + 2);
        this.workers = new WorkerThreads(fjFactory);
        boolean async = Boolean.parseBoolean(resolved.get(ForkJoinEngine.ASYNC));
        this.pool = new ForkJoinPool(parallelism, workers, null, async, 0, maxThreads, 1, p -> true,
                30, TimeUnit.SECONDS);
        StageNode[] only = lanes.get(0);
        this.soleSinkCaller = lanes.size() == 1 && only[only.length - 1].parallelism == 1 && combiner == null
                && !ordered && (only.length == 1 || options.errors() == ErrorPolicy.FAIL_FAST);
        this.delivery = new Delivery(this, (Sink<Object>) Objects.requireNonNull(sink, "sink"), this.combiner,
                options.errors(), ordered, soleSinkCaller);
        this.scheduling = new Scheduling(this, pool, delivery, probe);
        this.admission = new Admission<>(this, scheduling, lanes, kind, keyed,
                TokenBucket.forRate(options.rateLimit()), window, inputPerLane ? lanes.size() : 1,
                options.singleProducer());
        this.deadline = DeadlineWatch.start(factory, options.deadline(), this::cancel);
    }

    /**
     * The stage nodes, lane by lane. KEYED: a stage's serial partitions are per lane, except in a
     * merge, whose lanes share them per stage index (equal keys from different inputs meet). A
     * stage's slots have one taker at a time when the instance is single-producer and it is a
     * first stage (each lane's is fed by one input, or by the one input's submitter), or when the
     * stage before it has parallelism 1 in a mailbox of its own lane (one drain at a time hands
     * on, each after the last: the mailbox's drain count orders them).
     */
    private List<StageNode[]> buildLanes(PatternKind kind, List<List<StageSpec<?, ?>>> laneSpecs, boolean keyed,
                                         boolean singleProducer) {
        int stageCount = laneSpecs.get(0).size();
        Mailbox[][] shared = new Mailbox[stageCount][];
        if (keyed && kind == PatternKind.MERGE) {
            for (int s = 0; s < stageCount; s++) {
                int partitions = 0;
                for (List<StageSpec<?, ?>> specs : laneSpecs) {
                    partitions += specs.get(s).parallelism();
                }
                shared[s] = StageNode.mailboxes(partitions, partitions, true);
            }
        }
        List<StageNode[]> built = new ArrayList<>();
        for (List<StageSpec<?, ?>> specs : laneSpecs) {
            StageNode[] nodes = new StageNode[specs.size()];
            for (int s = 0; s < nodes.length; s++) {
                StageSpec<?, ?> spec = specs.get(s);
                Mailbox[] boxes = shared[s] != null ? shared[s]
                        : StageNode.mailboxes(spec.parallelism(), spec.parallelism(), keyed);
                boolean oneTaker = s == 0 ? singleProducer // each lane's first stage: its input's submitter
                        : shared[s - 1] == null && specs.get(s - 1).parallelism() == 1; // one drain at a time hands on
                nodes[s] = new StageNode(spec, context(spec.name()), boxes, oneTaker);
                if (s > 0) {
                    nodes[s - 1].next = nodes[s];
                }
            }
            built.add(nodes);
        }
        return List.copyOf(built);
    }

    private StageContext context(String name) {
        return new StageContext() {
            @Override
            public String stageName() {
                return name;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }

    // ---- input side ---------------------------------------------------------------------------

    @Override
    public void submit(I item) throws InterruptedException {
        admission.sources.get(0).submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return admission.sources.get(0).offer(item, timeout, unit);
    }

    @Override
    public List<? extends MergeInput<I>> inputs() {
        return admission.sources;
    }

    CancellationException cancellation() {
        CancellationException e = new CancellationException("instance cancelled");
        Failure first = failures.first();
        Throwable cause = first != null ? first.cause() : cancelCause;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    // ---- counting ends ------------------------------------------------------------------------

    /** Counts the item's one end; {@code gapToOrder}: tell the reorder buffer there is no output. */
    void ended(Object x, Outcome outcome, boolean gapToOrder) {
        switch (outcome) {
            case OUTPUT -> counters.output(soleSinkCaller);
            case FILTERED -> counters.filtered();
            case FAILED -> counters.failed();
            case CANCELLED -> counters.cancelled();
        }
        if (window != null) {
            window.release();
            if (gapToOrder) {
                delivery.order.complete(((Item) x).seq, null, delivery::deliverOrdered); // ORDERED: always an Item
            }
        }
        if (allClosed || cancelled) {
            tryFinish();
        }
    }

    void fatal(Failure failure) {
        if (failures.record(failure)) {
            cancel(failure.cause());
        }
    }

    // ---- ending -------------------------------------------------------------------------------

    @Override
    public void cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        FinishTask fanIn;
        synchronized (life) {
            if (cancelled || drained.getCount() == 0) {
                return;
            }
            cancelCause = cause;
            cancelled = true;
            fanIn = finishTask;
        }
        for (StageNode[] lane : lanes) {
            for (StageNode n : lane) {
                n.slots.release(WAKE_ALL); // submitters and hand-ons waiting for a slot see the cancel
            }
        }
        if (window != null) {
            window.release(WAKE_ALL);
            for (Item it : delivery.order.discard()) {
                ended(it, Outcome.CANCELLED, false);
            }
        }
        pool.shutdownNow(); // interrupts the workers running stage code (or the sink); queued tasks never run
        if (fanIn != null && fanIn.claim()) {
            completeFinish(); // the combiner's fan-in was queued, and now never runs
        }
        for (StageNode[] lane : lanes) {
            for (StageNode n : lane) {
                for (Mailbox box : n.mailboxes()) {
                    scheduling.sweep(box);
                }
            }
        }
        admission.settle();
        tryFinish();
    }

    /** Finishes once the input is closed or the instance cancelled, no submitter is half-way in and nothing is in flight. */
    void tryFinish() {
        if (!(allClosed || cancelled) || !admission.quiet() || counters.inFlight() != 0) {
            return;
        }
        FinishTask fanIn = null;
        synchronized (life) {
            if (finishing) {
                return;
            }
            finishing = true;
            if (combiner != null && !cancelled) {
                fanIn = finishTask = new FinishTask();
            }
        }
        if (fanIn != null) {
            try {
                pool.execute(fanIn);
            } catch (RejectedExecutionException e) { // a cancel stopped the pool meanwhile
                if (fanIn.claim()) {
                    completeFinish();
                }
            }
        } else {
            completeFinish();
        }
    }

    /**
     * Fan-in of a combiner: folds the lanes' partials and gives the sink the aggregate, then ends the
     * pool. Claimed once, by its run or by a cancel that stopped the pool before it ran, so the
     * instance finishes exactly once either way.
     */
    private final class FinishTask extends RecursiveAction {
        private final AtomicBoolean claimed = new AtomicBoolean();

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        @Override
        protected void compute() {
            if (!claim()) {
                return;
            }
            try {
                if (!cancelled) {
                    Object[] partials = new Object[lanes.size()];
                    for (int i = 0; i < partials.length; i++) {
                        StageNode[] lane = lanes.get(i);
                        partials[i] = lane[lane.length - 1].partial;
                    }
                    delivery.deliverAggregate(partials);
                }
            } catch (Throwable t) {
                fatal(new Failure(null, "forkjoin engine", t));
            } finally {
                completeFinish();
            }
        }
    }

    private void completeFinish() {
        deadline.disarm();
        if (cancelled) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        drained.countDown();
    }

    @Override
    public void close() {
        for (Admission<I>.Source s : admission.sources) {
            s.close();
        }
        TerminationWait.uninterruptibly(this);
        failures.throwOutcome(cancelled ? cancelCause : null);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        long due = System.nanoTime() + nanos;
        if (nanos >= Long.MAX_VALUE / 2) {
            drained.await();
            while (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                Thread.onSpinWait(); // keep waiting
            }
            while (!workers.awaitAllEnded(System.nanoTime() + TimeUnit.DAYS.toNanos(1))) {
                Thread.onSpinWait(); // keep waiting
            }
        } else {
            if (!drained.await(nanos, TimeUnit.NANOSECONDS)
                    || !pool.awaitTermination(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            if (!workers.awaitAllEnded(due)) {
                return false;
            }
        }
        deadline.join(); // the watch's thread is ours too: it ends promptly once disarmed
        return true;
    }

    @Override
    public boolean isTerminated() {
        return drained.getCount() == 0 && pool.isTerminated() && workers.allEnded();
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(buffers);
    }
}
