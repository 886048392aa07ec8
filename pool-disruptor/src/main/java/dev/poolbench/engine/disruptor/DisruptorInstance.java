package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
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
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * One running instance of the disruptor engine, for every pattern shape: one ring buffer, the
 * stages as a handler chain ({@code handleEventsWith(stage 1 shards).then(stage 2 shards)…
 * .then(fan-in)}), and one fan-in handler that alone calls the sink, in sequence order.
 *
 * <p><b>Producers</b> claim a slot with {@code tryNext()} and back off (spin, yield, then park
 * up to {@value Region.BackOff#MAX_PARK_NANOS} ns) while the ring is full, checking cancellation,
 * interrupt and the offer timeout on every round — {@code next()} would park in a loop that sees
 * none of them. Before claiming, a producer takes a permit of the first stage ({@code entry}:
 * its buffer plus its parallelism, given back when the item leaves that stage) and, in a merge,
 * one of its input (its buffer plus the stage's parallelism, given back by the fan-in); it never
 * holds a claimed slot unpublished while it waits, which would make the handlers spin on the
 * cursor. Each later stage's {@link Region} is entered by sequence: a shard holds its output
 * until the next stage has room. So a stage holds at most its buffer plus its parallelism, p
 * items of a stage run at once, and the ring (their sum, rounded up) never binds. A slot claimed
 * after a cancel is published as a tombstone, so no sequence is ever left unpublished.
 *
 * <p><b>Ending.</b> Once every input is closed and no producer is inside, the fan-in is told the
 * last claimed sequence; when it has passed it the instance is drained (the combiner's
 * aggregate goes to the sink) and every processor is halted. A cancel sets the flag (no user
 * code starts after it), interrupts only threads inside user code, and halts the processors.
 * The last processor thread to end counts whatever is still in flight as cancelled and marks
 * the instance terminated; {@link #awaitTermination} then joins every thread it started.
 */
final class DisruptorInstance<I> implements Running<I>, RunningMerge<I>, HandlerHost {

    private final ErrorPolicy errors;
    private final Ordering.Keyed keyed;
    private final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    private final TokenBucket bucket;
    private final BooleanSupplier cancelledCheck = this::isCancelled;
    @SuppressWarnings("rawtypes")
    private final Sink sink;
    @SuppressWarnings("rawtypes")
    private final Combiner combiner;
    private final Object[] partials;

    private final RingSizing sizing;
    /** The first stage's room: its buffer + its parallelism (every lane's or input's buffer for one stage). */
    private final java.util.concurrent.Semaphore entry;
    private final boolean oneStage;
    /** Per later stage: buffer + parallelism, entered by sequence; [0] unused (the first stage has {@link #entry}). */
    private final Region[] regions;
    /** Per merge input: its buffer + the stage's parallelism; null unless a merge. */
    private final java.util.concurrent.Semaphore[] permits;
    private final WaitChoice wait;
    private final ProducerType producerType;
    private final ThreadFactory factory;
    private final Disruptor<RingEvent> disruptor;
    private final RingBuffer<RingEvent> ring;
    private final List<UserCodeGate> gates = new ArrayList<>();
    private final FanInHandler fanIn;
    private final DeadlineWatch deadline;

    private final List<Source> inputs;
    private final AtomicInteger openInputs;
    private volatile boolean allClosed;
    private final AtomicInteger producersInside = new AtomicInteger();
    private final AtomicBoolean endAnnounced = new AtomicBoolean();
    private final AtomicBoolean drainedOnce = new AtomicBoolean();

    private final AtomicBoolean cancelling = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile Throwable cancelCause;

    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger liveHandlerThreads = new AtomicInteger();
    private final CountDownLatch terminated = new CountDownLatch(1);

    /**
     * @param stages       the chain, in order
     * @param shardsFactor handler shards per unit of a stage's parallelism (k for a merge of k, else 1)
     * @param requested    the buffers the pattern asked for (one per stage, lane or input)
     */
    DisruptorInstance(DisruptorEngine engine, PatternKind kind, List<StageSpec<?, ?>> stages, PatternOptions options,
                      int sources, int shardsFactor, List<Integer> requested, Combiner<?, ?> combiner,
                      Sink<?> sink) {
        int threads = 1; // the fan-in handler, plus every stage's shards
        for (StageSpec<?, ?> spec : stages) {
            threads += spec.parallelism() * shardsFactor;
        }
        this.wait = WaitChoice.fromOption(engine.resolveOptions(options).get(DisruptorEngine.WAIT))
                .resolve(stages.size(), threads);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.errors = options.errors();
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        this.bucket = TokenBucket.forRate(options.rateLimit());
        int shardsTotal = 0;
        for (StageSpec<?, ?> spec : stages) {
            shardsTotal += spec.parallelism() * shardsFactor;
        }
        this.sizing = RingSizing.of(requested, shardsTotal);
        this.oneStage = stages.size() == 1;
        // one stage (pool, fan-out, merge): every lane's or input's buffer is in front of it
        int firstBuffers = oneStage ? requested.stream().mapToInt(Integer::intValue).sum() : requested.get(0);
        this.entry = new java.util.concurrent.Semaphore(firstBuffers + stages.get(0).parallelism() * shardsFactor);
        this.regions = new Region[stages.size()];
        for (int s = 1; s < stages.size(); s++) {
            regions[s] = new Region(requested.get(s) + (long) stages.get(s).parallelism() * shardsFactor);
        }
        this.permits = sources == 1 ? null : new java.util.concurrent.Semaphore[sources];
        for (int i = 0; permits != null && i < sources; i++) {
            permits[i] = new java.util.concurrent.Semaphore(requested.get(i) + shardsTotal);
        }
        this.combiner = combiner;
        int lastShards = stages.get(stages.size() - 1).parallelism() * shardsFactor;
        this.partials = new Object[combiner == null ? 0 : lastShards];
        for (int i = 0; i < partials.length; i++) {
            partials[i] = combiner.identity();
        }
        List<Source> in = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            in.add(new Source(i));
        }
        this.inputs = List.copyOf(in);
        this.openInputs = new AtomicInteger(sources);
        this.factory = options.threadFactory() != null ? options.threadFactory() : engine.defaultThreadFactory(kind);
        this.producerType = options.singleProducer() && sources == 1 ? ProducerType.SINGLE : ProducerType.MULTI;

        this.disruptor = new Disruptor<>(RingEvent::new, sizing.ringSize(), this::newHandlerThread, producerType,
                wait.newStrategy());
        disruptor.setDefaultExceptionHandler(new EngineExceptionHandler(this));
        EventHandlerGroup<RingEvent> chain = null;
        int handlerThreads = 1;
        List<StageHandler[]> byStage = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            StageSpec<?, ?> spec = stages.get(s);
            int shards = spec.parallelism() * shardsFactor;
            boolean last = s == stages.size() - 1;
            StageHandler[] handlers = new StageHandler[shards];
            for (int j = 0; j < shards; j++) {
                handlers[j] = new StageHandler(this, spec, j, shards, keyed != null, last ? combiner : null, partials,
                        last ? null : regions[s + 1], s == 0 && !last);
                gates.add(handlers[j].gate());
            }
            byStage.add(handlers);
            handlerThreads += shards;
            chain = chain == null ? disruptor.handleEventsWith(handlers) : chain.then(handlers);
        }
        this.fanIn = new FanInHandler(this, sink);
        gates.add(fanIn.gate());
        chain.then(fanIn);
        // the processors exist now, so every handler has its sequence: wire where each region ends
        for (int s = 1; s < stages.size() - 1; s++) {
            regions[s].exits(java.util.Arrays.stream(byStage.get(s)).map(StageHandler::sequence)
                    .toArray(com.lmax.disruptor.Sequence[]::new));
        }
        if (!oneStage) {
            regions[stages.size() - 1].exits(fanIn.sequence());
        }
        wait.warnIfOversubscribed(handlerThreads);
        liveHandlerThreads.set(handlerThreads);
        RingBuffer<RingEvent> started;
        DeadlineWatch watch;
        try {
            started = disruptor.start();
            watch = DeadlineWatch.start(factory, options.deadline(), this::cancel);
        } catch (RuntimeException | Error e) {
            // the factory failed part-way: stop whatever did start, then report it
            cancelCause = e;
            cancelled = true;
            disruptor.halt();
            throw e;
        }
        this.ring = started;
        this.deadline = watch;
    }

    private Thread newHandlerThread(Runnable processor) {
        Thread t = factory.newThread(() -> {
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
        threads.add(t);
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

    // ---- input side -------------------------------------------------------------------------

    /** One input of the instance; a worker pool, pipeline or fan-out has exactly one. */
    private final class Source implements MergeInput<I> {
        private final AtomicBoolean closed = new AtomicBoolean();
        private final int index;

        Source(int index) {
            this.index = index;
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

    @Override
    public void submit(I item) throws InterruptedException {
        inputs.get(0).submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return inputs.get(0).offer(item, timeout, unit);
    }

    @Override
    public List<? extends MergeInput<I>> inputs() {
        return inputs;
    }

    private boolean admit(Source source, Object item, boolean timed, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        checkOpen(source);
        long due = timed ? System.nanoTime() + Math.max(0, timeoutNanos) : 0;
        if (bucket != null && !bucket.tryAcquire(timed ? Math.max(0, timeoutNanos) : Long.MAX_VALUE, cancelledCheck)) {
            return false;
        }
        int keyHash = 0;
        if (keyed != null) {
            int h = keyed.keyOf(item).hashCode();
            keyHash = h ^ (h >>> 16);
        }
        java.util.concurrent.Semaphore permit = permits == null ? null : permits[source.index];
        if (permit != null && !take(permit, timed, due)) {
            return false;
        }
        boolean entered = false;
        boolean published = false;
        producersInside.incrementAndGet();
        try {
            entered = take(entry, timed, due);
            if (!entered) {
                return false;
            }
            checkOpen(source);
            long sequence = claim(timed, due);
            if (sequence < 0) {
                return false;
            }
            RingEvent event = ring.get(sequence);
            if (cancelled) {
                event.tombstone();
                ring.publish(sequence);
                throw cancellation();
            }
            event.fill(item, keyHash, source.index);
            counters.accepted();
            ring.publish(sequence);
            published = true;
            return true;
        } finally {
            if (!published) {
                if (permit != null) {
                    permit.release();
                }
                if (entered) {
                    entry.release();
                }
            }
            if (producersInside.decrementAndGet() == 0 && allClosed) {
                announceEndIfQuiet();
            }
        }
    }

    /** A free slot's sequence, or -1 when the offer's time ran out; never parks without looking at cancel. */
    private long claim(boolean timed, long due) throws InterruptedException {
        int rounds = 0;
        while (true) {
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                rounds = waitRound(rounds, timed, due);
                if (rounds < 0) {
                    return -1;
                }
            }
        }
    }

    /**
     * Takes a permit, backing off as {@link #claim} does (false when the offer's time ran out):
     * polling rather than {@code acquire()}, which would allocate a queue node on every wait.
     */
    private boolean take(java.util.concurrent.Semaphore permit, boolean timed, long due) throws InterruptedException {
        int rounds = 0;
        while (!permit.tryAcquire()) {
            rounds = waitRound(rounds, timed, due);
            if (rounds < 0) {
                return false;
            }
        }
        if (cancelled) {
            permit.release();
            throw cancellation();
        }
        return true;
    }

    /** One round of a producer's wait: checks cancel and interrupt, then backs off; -1 once the time ran out. */
    private int waitRound(int rounds, boolean timed, long due) throws InterruptedException {
        if (cancelled) {
            throw cancellation();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long left = timed ? due - System.nanoTime() : Long.MAX_VALUE;
        return left <= 0 ? -1 : Region.BackOff.pause(rounds, left);
    }

    private void checkOpen(Source source) {
        if (cancelled) {
            throw cancellation();
        }
        if (source.closed.get()) {
            throw new IllegalStateException("submit after close");
        }
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

    /**
     * Every input closed and no producer inside: every claimed sequence is published. One more
     * slot, an end marker (a tombstone every stage skips), tells the fan-in on its own thread
     * that it has seen everything, so the aggregate goes to the sink there, inside its
     * user-code gate where a cancel can interrupt it. After a cancel there is nothing to announce.
     */
    private void announceEndIfQuiet() {
        if (allClosed && producersInside.get() == 0 && endAnnounced.compareAndSet(false, true)) {
            long marker;
            while (true) {
                if (cancelled) {
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

    // ---- HandlerHost --------------------------------------------------------------------------

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void left(int source) {
        if (permits != null) {
            permits[source].release();
        }
        if (oneStage) {
            entry.release(); // the only stage's items are held until the sink has them
        }
    }

    @Override
    public void leftFirstStage() {
        entry.release();
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
            event.failure = failure;
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
        disruptor.halt();
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
        entry.release(Integer.MAX_VALUE / 4); // producers blocked on the first stage's room wake up and see the cancel
        if (permits != null) {
            for (java.util.concurrent.Semaphore p : permits) {
                p.release(Integer.MAX_VALUE / 4);
            }
        }
        for (UserCodeGate gate : gates) {
            gate.interruptIfInUserCode();
        }
        disruptor.halt();
    }

    /** Run by the last handler thread to end: no handler runs any more. */
    private void terminate() {
        while (producersInside.get() != 0) {
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
        for (Source s : inputs) {
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
        for (Thread t : threads) {
            if (t == Thread.currentThread()) {
                continue;
            }
            if (forever) {
                t.join();
            } else {
                long left = due - System.nanoTime();
                if (t.isAlive() && (left <= 0 || !t.join(Duration.ofNanos(left)))) {
                    return false;
                }
            }
        }
        deadline.join(); // disarmed at termination: ends at once
        return true;
    }

    @Override
    public boolean isTerminated() {
        if (terminated.getCount() != 0) {
            return false;
        }
        for (Thread t : threads) {
            if (t.isAlive() && t != Thread.currentThread()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(sizing.effectiveBuffers());
    }
}
