package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
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
import dev.poolbench.api.support.InstanceThreads;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One running instance of the disruptor engine, for every pattern shape: one ring buffer with the
 * stages as a handler chain and one fan-in handler that alone calls the sink, in sequence order
 * ({@link RingWiring}); the inputs and how items get onto the ring ({@link Admission}); what the
 * handlers report back ({@link HandlerHost}); and the lifecycle.
 *
 * <p>Each stage after the first is entered by sequence through its {@link Region}: a shard holds
 * its output until the next stage has room. So a stage holds at most its buffer plus its
 * parallelism, p items of a stage run at once, and the ring (their sum, rounded up) never binds.
 *
 * <p><b>Ending.</b> Once every input is closed and no producer is inside, an end marker tells the
 * fan-in it has seen everything; passing it, the instance is drained (the combiner's aggregate
 * goes to the sink inside the fan-in's user-code gate) and every processor is halted. A cancel
 * sets the flag (no user code starts after it), interrupts only threads inside user code, and
 * halts the processors. The last processor thread to end counts whatever is still in flight as
 * cancelled and marks the instance terminated; {@link #awaitTermination} then joins every thread
 * it started.
 */
final class DisruptorInstance<I> implements Running<I>, RunningMerge<I>, HandlerHost {

    private final ErrorPolicy errors;
    private final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    @SuppressWarnings("rawtypes")
    private final Sink sink;
    @SuppressWarnings("rawtypes")
    private final Combiner combiner;
    private final Object[] partials;

    private final RingSizing sizing;
    private final Admission<I> admission;
    private final WaitChoice wait;
    private final ProducerType producerType;
    private final ThreadFactory factory;
    private final Disruptor<RingEvent> disruptor;
    /** The ring's wait strategy when it is {@code parking}, which a halt must wake; else null. */
    private final ParkingWaitStrategy parking;
    private final List<UserCodeGate> gates;
    private final FanInHandler fanIn;
    private final DeadlineWatch deadline;
    private final AtomicBoolean drainedOnce = new AtomicBoolean();

    private final AtomicBoolean cancelling = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Throwable cancelCause;

    /** Every handler thread, made by the instance's factory: termination waits until each has ended. */
    private final InstanceThreads threads;
    private final AtomicInteger liveHandlerThreads = new AtomicInteger();
    /** The constructor returns only once every handler has started: see {@link HandlerStart}. */
    private final HandlerStart handlersStarted;
    private final CountDownLatch terminated = new CountDownLatch(1);

    /**
     * @param stages       the chain, in order
     * @param shardsFactor handler shards per unit of a stage's parallelism (k for a merge of k, else 1)
     * @param requested    the buffers the pattern asked for (one per stage, lane or input)
     */
    DisruptorInstance(DisruptorEngine engine, PatternKind kind, List<StageSpec<?, ?>> stages, PatternOptions options,
                      int sources, int shardsFactor, List<Integer> requested, Combiner<?, ?> combiner,
                      Sink<?> sink) {
        int shardsTotal = 0;
        for (StageSpec<?, ?> spec : stages) {
            shardsTotal += spec.parallelism() * shardsFactor;
        }
        int lastShards = stages.get(stages.size() - 1).parallelism() * shardsFactor;
        this.wait = WaitChoice.fromOption(engine.resolveOptions(options).get(DisruptorEngine.WAIT))
                .resolve(stages.size(), RingWiring.handlerThreads(shardsTotal, lastShards), options.rateLimit() > 0);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.errors = options.errors();
        this.sizing = RingSizing.of(requested, shardsTotal);
        boolean oneStage = stages.size() == 1;
        // one stage (pool, fan-out, merge): every lane's or input's buffer is in front of it
        int firstBuffers = oneStage ? requested.stream().mapToInt(Integer::intValue).sum() : requested.get(0);
        int[] inputPermits = new int[sources];
        for (int i = 0; i < sources; i++) {
            inputPermits[i] = requested.get(i) + shardsTotal;
        }
        this.admission = new Admission<>(options.ordering() instanceof Ordering.Keyed k ? k : null,
                TokenBucket.forRate(options.rateLimit()), counters, this::isCancelled, this::cancellation,
                firstBuffers + stages.get(0).parallelism() * shardsFactor, oneStage, inputPermits,
                options.singleProducer());
        Region[] regions = new Region[stages.size()];
        for (int s = 1; s < stages.size(); s++) {
            regions[s] = new Region(requested.get(s) + (long) stages.get(s).parallelism() * shardsFactor);
        }
        this.combiner = combiner;
        this.partials = new Object[combiner == null ? 0 : lastShards];
        for (int i = 0; i < partials.length; i++) {
            partials[i] = combiner.identity();
        }
        this.factory = options.threadFactory() != null ? options.threadFactory() : engine.defaultThreadFactory(kind);
        this.threads = new InstanceThreads(factory);
        // as Admission's single taker: the caller promised one submitting thread
        this.producerType = options.singleProducer() && sources == 1 ? ProducerType.SINGLE : ProducerType.MULTI;

        com.lmax.disruptor.WaitStrategy strategy = wait.newStrategy(engine.parkingSafetyNetMillis());
        this.parking = strategy instanceof ParkingWaitStrategy p ? p : null;
        RingWiring wiring = new RingWiring(this, stages, sources, shardsFactor, options.ordering() instanceof Ordering.Keyed,
                combiner, partials, regions, sink, sizing.ringSize(), this::newHandlerThread, producerType,
                strategy);
        this.disruptor = wiring.disruptor;
        this.fanIn = wiring.fanIn;
        this.gates = List.copyOf(wiring.gates);
        wait.warnIfOversubscribed(wiring.handlerThreads);
        liveHandlerThreads.set(wiring.handlerThreads);
        this.handlersStarted = new HandlerStart(wiring.handlerThreads);
        RingBuffer<RingEvent> started;
        DeadlineWatch watch;
        try {
            started = disruptor.start();
            handlersStarted.await();
            watch = DeadlineWatch.start(factory, options.deadline(), this::cancel);
        } catch (RuntimeException | Error e) {
            // the factory failed part-way: stop whatever did start, then report it
            cancelCause = e;
            cancelled = true;
            halt();
            throw e;
        }
        admission.started(started, fanIn);
        this.deadline = watch;
    }

    private Thread newHandlerThread(Runnable processor) {
        Thread t = threads.newThread(() -> {
            try {
                processor.run();
            } finally {
                if (liveHandlerThreads.decrementAndGet() == 0) {
                    terminate();
                }
            }
        });
        if (t == null) {
            throw new IllegalStateException("the thread factory returned null");
        }
        return t;
    }

    /** The ring's size, a power of two: Σ effective buffers. */
    int ringSize() {
        return sizing.ringSize();
    }

    WaitChoice waitChoice() {
        return wait;
    }

    ProducerType producerType() {
        return producerType;
    }

    // ---- input side: see Admission -----------------------------------------------------------

    @Override
    public void submit(I item) throws InterruptedException {
        admission.inputs().get(0).submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return admission.inputs().get(0).offer(item, timeout, unit);
    }

    @Override
    public List<? extends MergeInput<I>> inputs() {
        return admission.inputs();
    }

    private CancellationException cancellation() {
        CancellationException e = new CancellationException("instance cancelled");
        Failure first = failures.first();
        Throwable cause = first != null ? first.cause() : cancelCause;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    // ---- HandlerHost --------------------------------------------------------------------------

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void handlerStarted() {
        handlersStarted.started();
    }

    @Override
    public void left(int source, int items) {
        admission.left(source, items);
    }

    @Override
    public void leftFirstStage(int items) {
        admission.leftFirstStage(items);
    }

    @Override
    public OutcomeCounters counters() {
        return counters;
    }

    @Override
    public void stageFailed(RingEvent event, String stage, Throwable cause) {
        if (cancelled && HandlerHost.isInterruption(cause)) {
            return; // our cancel interrupted it: stays in flight, counted cancelled at termination
        }
        Failure failure = new Failure(event.input, stage, cause);
        event.value = null;
        event.state = RingEvent.FAILED;
        counters.failed();
        if (cause instanceof Error || errors == ErrorPolicy.FAIL_FAST) {
            fatal(failure);
        } else {
            event.value = failure; // for the fan-in to deliver: a FAILED event's value is its Failure or null
        }
    }

    @Override
    public void fatal(Failure failure) {
        if (failures.record(failure)) {
            cancel(failure.cause());
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void drained() {
        if (!drainedOnce.compareAndSet(false, true)) {
            return;
        }
        UserCodeGate gate = fanIn.gate(); // called on the fan-in thread: a cancel interrupts the sink here
        if (combiner != null && gate.enter()) {
            try {
                Object aggregate = partials[0];
                for (int i = 1; i < partials.length; i++) {
                    aggregate = combiner.combine(aggregate, partials[i]);
                }
                sink.onOutput(aggregate);
            } catch (Throwable t) {
                if (!(cancelled && HandlerHost.isInterruption(t))) {
                    fatal(new Failure(null, "sink", t));
                }
            } finally {
                gate.exit();
            }
        }
        halt();
    }

    /** Stops every processor: alerts their barriers, then wakes whoever a parking strategy holds. */
    private void halt() {
        disruptor.halt();
        if (parking != null) {
            parking.wakeAll();
        }
    }

    // ---- ending ---------------------------------------------------------------------------------

    @Override
    public void cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        if (terminated.getCount() == 0 || !cancelling.compareAndSet(false, true)) {
            return; // a cancel after termination changes nothing
        }
        cancelCause = cause;
        cancelled = true;
        admission.releaseAll(); // producers blocked on a permit wake up and see the cancel
        for (UserCodeGate gate : gates) {
            gate.interruptIfInUserCode();
        }
        halt();
    }

    /** Run by the last handler thread to end: no handler runs any more. */
    private void terminate() {
        while (!admission.quiet()) {
            LockSupport.parkNanos(this, 50_000); // after a cancel, producers leave within one back-off round
        }
        long stranded = counters.inFlight();
        if (stranded > 0) {
            counters.cancelled(stranded);
        }
        DeadlineWatch watch = deadline;
        if (watch != null) {
            watch.disarm();
        }
        terminated.countDown();
    }

    @Override
    public void close() {
        for (MergeInput<I> s : admission.inputs()) {
            s.close();
        }
        TerminationWait.uninterruptibly(this);
        failures.throwOutcome(cancelled ? cancelCause : null);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        boolean forever = nanos >= Long.MAX_VALUE / 2;
        long due = System.nanoTime() + (forever ? 0 : nanos);
        if (forever) {
            terminated.await();
        } else if (!terminated.await(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        if (!threads.joinAll(forever, due)) {
            return false;
        }
        deadline.join(); // disarmed at termination: ends at once
        return true;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0 && !threads.anyAlive();
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(sizing.effectiveBuffers());
    }
}
