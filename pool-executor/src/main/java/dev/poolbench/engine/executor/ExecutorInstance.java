package dev.poolbench.engine.executor;

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
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.DeadlineWatch;
import dev.poolbench.api.support.FailureCollector;
import dev.poolbench.api.support.InstanceThreads;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.Reorderer;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One running instance of the executor engine, for every pattern shape: its inputs
 * ({@link ExecutorInput}), the {@link Route}s behind them, running a stage and delivering, the
 * outcome counters, the failure record and the lifecycle. At ~400 lines it keeps these together:
 * the routes, inputs and output ports call into one place for counting and failing.
 *
 * <p>Termination is a count of parts: each input (closed, or cancelled, and no submitter still
 * inside), each executor ({@link StageExecutor#terminated()}) and a fan-out's aggregator thread report their
 * end once; the last one finishes the instance. After a cancel, whatever was accepted and had
 * not ended by then (dropped from a queue, held back by the reorderer, refused by a shut-down
 * executor) is counted cancelled at that moment, when no thread can touch an item any more.
 */
final class ExecutorInstance<I> implements Running<I>, RunningMerge<I> {

    final PatternOptions options;
    final ExecutorSettings settings;
    final Ordering.Keyed keyed;
    final OutcomeCounters counters = new OutcomeCounters();
    final FailureCollector failures = new FailureCollector();
    final TokenBucket bucket;
    final InstanceThreads threads;
    @SuppressWarnings("rawtypes")
    final Sink sink;
    final Reorderer<Envelope> reorderer;
    final AtomicLong seqs = new AtomicLong();
    final OutputPort port;
    final BooleanSupplier cancelledCheck = () -> this.cancelled;
    volatile boolean cancelled;
    /**
     * Test seam: when set (before the first submit), a fan-out lane calls it with the item's input
     * after the stage returned, in engine code outside the stage's catch; null in production.
     */
    java.util.function.Consumer<Object> afterLaneStage;

    private final long window;
    private final List<Route> routes;
    private final List<ExecutorInput<I>> sources;
    private final List<Integer> buffers;
    private final AtomicInteger partsLeft;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean cancelOnce = new AtomicBoolean();
    private final DeadlineWatch deadline;
    private volatile Throwable cancelCause;
    /** Executors shared by every route (KEYED merge); null otherwise. */
    private final LaneSet sharedParts;

    /** How an instance is built: executors shared by all inputs (or null), and the route of each input. */
    private record Wiring(LaneSet shared, IntFunction<Route> routes) {
    }

    static <I> ExecutorInstance<I> chain(ExecutorEngine engine, PatternKind kind, List<StageSpec<?, ?>> stages,
                                         PatternOptions options, int sources, Sink<?> sink) {
        boolean sharedKeyLanes = kind == PatternKind.MERGE && options.ordering() instanceof Ordering.Keyed;
        return new ExecutorInstance<>(engine, kind, options, sink, false, sources, in -> {
            if (!sharedKeyLanes) {
                return new Wiring(null, input -> new ChainRoute(in, stages, null));
            }
            // KEYED merge: equal keys from different inputs must meet in one lane, so the k inputs
            // share k * parallelism key lanes (each input keeps its own buffer gate)
            StageSpec<?, ?> s = stages.get(0);
            LaneSet shared = new LaneSet(in, sources * s.parallelism(), 1, sources * s.buffer(),
                    in.settings.prestart(s), sources, () -> { });
            return new Wiring(shared, input -> new ChainRoute(in, stages, shared));
        });
    }

    static <I> ExecutorInstance<I> fanOut(ExecutorEngine engine, StageSpec<?, ?> stage, PatternOptions options,
                                          Combiner<?, ?> combiner, Sink<?> sink) {
        return new ExecutorInstance<>(engine, PatternKind.FAN_OUT, options, sink, combiner != null, 1,
                in -> new Wiring(null, input -> new FanOutRoute(in, stage, combiner)));
    }

    private ExecutorInstance(ExecutorEngine engine, PatternKind kind, PatternOptions options, Sink<?> sink,
                             boolean folds, int sourceCount,
                             Function<ExecutorInstance<I>, Wiring> wiring) {
        this.options = Objects.requireNonNull(options, "options");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.settings = ExecutorSettings.from(engine.resolveOptions(options));
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        this.bucket = TokenBucket.forRate(options.rateLimit());
        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        this.threads = new InstanceThreads(factory);
        // an aggregate has no order: a folding fan-out ignores ORDERED
        boolean ordered = options.ordering() instanceof Ordering.Ordered && !folds;
        this.reorderer = ordered ? new Reorderer<>(this::emit) : null;
        this.port = ordered ? new OutputPort.Reordering(reorderer) : new OutputPort.Locked(this);
        List<Route> rs = new ArrayList<>();
        List<ExecutorInput<I>> ss = new ArrayList<>();
        List<Integer> bs = new ArrayList<>();
        long w = 0;
        Wiring wired = wiring.apply(this);
        this.sharedParts = wired.shared();
        int parts = sharedParts == null ? 0 : sharedParts.parts();
        for (int i = 0; i < sourceCount; i++) {
            Route r = wired.routes().apply(i);
            rs.add(r);
            ss.add(new ExecutorInput<>(this, r));
            bs.addAll(r.effectiveBuffers());
            w += r.capacity();
            parts += 1 + r.parts();
        }
        this.routes = List.copyOf(rs);
        this.sources = List.copyOf(ss);
        this.buffers = List.copyOf(bs);
        this.window = w;
        this.partsLeft = new AtomicInteger(parts);
        if (sharedParts != null) {
            sharedParts.start();
        }
        for (Route r : routes) {
            r.start();
        }
        this.deadline = DeadlineWatch.start(threads, options.deadline(), this::cancel);
    }

    // ---- input side: see ExecutorInput ---------------------------------------------------------

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

    CancellationException cancellation() {
        CancellationException e = new CancellationException("instance cancelled");
        Throwable cause = failures.hasFailed() ? failures.first().cause() : cancelCause;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Waits until {@code seq} is inside the ORDERED admission window; false on timeout. */
    boolean awaitWindow(long seq, boolean forever, long due) throws InterruptedException {
        if (seq < reorderer.next() + window) {
            return true;
        }
        try {
            reorderer.awaitWindow(seq, window,
                    forever ? cancelledCheck : () -> cancelled || System.nanoTime() - due >= 0);
            return true;
        } catch (CancellationException e) {
            if (cancelled) {
                throw cancellation();
            }
            return seq < reorderer.next() + window;
        }
    }

    StageContext contextFor(String stageName) {
        return new StageContext() {
            @Override
            public String stageName() {
                return stageName;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }

    // ---- running one stage and delivering ----------------------------------------------------

    /**
     * Runs {@code fn} on the envelope's value. Returns the output, or null when the item ended
     * here: filtered, failed or cancelled (counted; a gap or a failure reported to {@code port}).
     */
    Object apply(String stage, Stage<Object, Object> fn, StageContext ctx, Envelope e, OutputPort port) {
        if (cancelled) {
            counters.cancelled();
            return null;
        }
        Object out;
        try {
            out = fn.apply(e.value, ctx);
        } catch (Throwable t) {
            Thread.interrupted();
            stageFailed(e, stage, t, port);
            return null;
        }
        // an interrupt the stage left behind is not ours to keep; ours is seen through `cancelled`
        Thread.interrupted();
        if (out == null) {
            counters.filtered();
            port.gap(e);
            return null;
        }
        return out;
    }

    private void stageFailed(Envelope e, String stage, Throwable t, OutputPort port) {
        if (cancelled && isInterruption(t)) {
            counters.cancelled();
            return;
        }
        counters.failed();
        Failure failure = new Failure(e.input, stage, t);
        if (t instanceof Error || options.errors() == ErrorPolicy.FAIL_FAST) {
            fatal(failure);
            port.gap(e);
            return;
        }
        port.failure(e, failure);
    }

    /** An item that could not be handed to the next stage. */
    void lostInHandOff(Envelope e, String stage, Throwable why) {
        if (cancelled) {
            counters.cancelled();
        } else {
            counters.failed();
            fatal(new Failure(e.input, stage, why));
        }
    }

    /** Calls the sink with an output; the caller keeps sink calls serial. */
    @SuppressWarnings("unchecked")
    void deliver(Object input, Object value) {
        if (cancelled) {
            counters.cancelled();
            return;
        }
        try {
            sink.onOutput(value);
            counters.output();
        } catch (Throwable t) {
            if (cancelled && isInterruption(t)) {
                counters.cancelled();
            } else {
                counters.failed();
                fatal(new Failure(input, "sink", t));
            }
        }
    }

    /** Calls the sink with a failure under CONTINUE (already counted failed); the caller keeps calls serial. */
    void deliverFailure(Failure failure) {
        if (cancelled) {
            return;
        }
        try {
            sink.onFailure(failure);
        } catch (Throwable t) {
            if (!(cancelled && isInterruption(t))) {
                fatal(new Failure(failure.input(), "sink", t));
            }
        }
    }

    private void emit(Envelope e) {
        if (e.state == Envelope.FAILED) {
            deliverFailure(e.failure);
        } else {
            deliver(e.input, e.value);
        }
    }

    static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException;
    }

    /**
     * Engine code (not a stage, sink or combiner) threw while handling {@code e} in stage
     * {@code stage}: the instance fails. The item is left as counted so far; if it had not ended,
     * it is still in flight and the cancel counts it cancelled at termination.
     */
    void engineFailed(Envelope e, String stage, Throwable t) {
        fatal(new Failure(e.input, stage, t));
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
        if (terminated.getCount() == 0 || !cancelOnce.compareAndSet(false, true)) {
            return;
        }
        cancelCause = cause;
        cancelled = true;
        for (Route r : routes) {
            r.cancelNow();
        }
        if (sharedParts != null) {
            sharedParts.shutdownNow();
        }
        for (ExecutorInput<I> s : sources) {
            s.close(); // the input ends once its submitters have left
        }
    }

    /** One part has ended; the last one finishes the instance. */
    void partDone() {
        if (partsLeft.decrementAndGet() == 0) {
            if (cancelled) {
                long dropped = counters.inFlight();
                if (dropped > 0) {
                    counters.cancelled(dropped);
                }
            }
            deadline.disarm();
            terminated.countDown();
        }
    }

    @Override
    public void close() {
        for (ExecutorInput<I> s : sources) {
            s.close();
        }
        TerminationWait.uninterruptibly(this);
        failures.throwOutcome(cancelled ? cancelCause : null);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        boolean forever = nanos == Long.MAX_VALUE;
        long due = System.nanoTime() + nanos;
        if (forever) {
            terminated.await();
        } else if (!terminated.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        return threads.joinAll(forever, due); // the deadline watch's thread is among them
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0 && !threads.anyAlive();
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(buffers);
    }

    /** The executors' work queues, in route and stage order (for tests). */
    List<BlockingQueue<Runnable>> queues() {
        List<BlockingQueue<Runnable>> qs = new ArrayList<>();
        if (sharedParts != null) {
            qs.addAll(sharedParts.queues);
        }
        for (Route r : routes) {
            qs.addAll(r.queues());
        }
        return qs;
    }
}
