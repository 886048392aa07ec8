package dev.poolbench.engine.sequential;

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
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running instance of the sequential engine, for every pattern shape: a pipeline of
 * stages run in turn on the submitting thread while it holds the instance's one slot.
 *
 * <p>The "one lock" is a slot guarded by a {@link ReentrantLock}: a submitter waits on a
 * condition while another item runs, so a cancel can wake every waiting submitter (they get
 * {@link CancellationException}) and interrupt the one running a stage.
 *
 * <p>One file of ~420 lines on purpose: it is the oracle every engine is checked against, and
 * its whole discipline (slot, cancel, failure, ordering by construction) reads best in one place;
 * there is no hand-off, scheduling or delivery machinery to split out.
 */
final class SequentialInstance<I> implements Running<I>, RunningMerge<I> {

    private final List<StageSpec<?, ?>> stages;
    private final List<StageContext> contexts;
    private final PatternOptions options;
    @SuppressWarnings("rawtypes")
    private final Sink sink;
    @SuppressWarnings("rawtypes")
    private final Combiner combiner;
    private final Object[] partials;
    private final Ordering.Keyed keyed;
    private final List<Source> inputs;
    private final List<Integer> buffers;

    private final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    private final TokenBucket bucket;
    private final DeadlineWatch deadline;
    private final CountDownLatch terminated = new CountDownLatch(1);

    private final ReentrantLock lock;
    private final Condition slotFree;
    // guarded by lock
    private boolean busy;
    private Thread runner;
    private boolean runnerInterruptedByUs;
    private int openInputs;
    private boolean terminating;
    private long roundRobin;

    private volatile boolean cancelled;
    private volatile Throwable cancelCause;

    SequentialInstance(SequentialEngine engine, PatternKind kind, List<StageSpec<?, ?>> stages,
                       PatternOptions options, int sources, int partialCount,
                       Combiner<?, ?> combiner, Sink<?> sink) {
        Map<String, String> resolved = engine.resolveOptions(options);
        this.stages = List.copyOf(stages);
        this.options = options;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.combiner = combiner;
        this.partials = new Object[partialCount];
        if (combiner != null) {
            for (int i = 0; i < partialCount; i++) {
                partials[i] = combiner.identity();
            }
        }
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        List<StageContext> ctx = new ArrayList<>();
        List<Integer> buf = new ArrayList<>();
        for (StageSpec<?, ?> s : this.stages) {
            String name = s.name();
            ctx.add(new StageContext() {
                @Override
                public String stageName() {
                    return name;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            });
        }
        // one entry per stage, or per lane of a fan-out (its workers) or a merge (its sources)
        for (int i = 0; i < sources * partialCount; i++) {
            for (StageSpec<?, ?> s : this.stages) {
                buf.add(s.buffer());
            }
        }
        this.contexts = List.copyOf(ctx);
        this.buffers = List.copyOf(buf);
        this.lock = new ReentrantLock(Boolean.parseBoolean(resolved.get(SequentialEngine.FAIR)));
        this.slotFree = lock.newCondition();
        this.bucket = TokenBucket.forRate(options.rateLimit());
        List<Source> in = new ArrayList<>();
        for (int i = 0; i < sources; i++) {
            in.add(new Source());
        }
        this.inputs = List.copyOf(in);
        this.openInputs = sources;
        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        this.deadline = DeadlineWatch.start(factory, options.deadline(), this::cancel);
    }

    // ---- input side -------------------------------------------------------------------------

    /** One input; a worker pool, pipeline or fan-out has exactly one. */
    private final class Source implements MergeInput<I> {
        private volatile boolean closed;

        @Override
        public void submit(I item) throws InterruptedException {
            run(this, item, Long.MAX_VALUE);
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
            return run(this, item, unit.toNanos(timeout));
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    openInputs--;
                    slotFree.signalAll();
                }
            } finally {
                lock.unlock();
            }
            maybeFinish();
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

    /** Admits {@code item} into the slot, runs it, and frees the slot. False if the timeout ran out. */
    private boolean run(Source source, I item, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        checkOpen(source);
        long deadlineNanos = System.nanoTime() + timeoutNanos;
        if (bucket != null && !bucket.tryAcquire(timeoutNanos, () -> cancelled)) {
            return false;
        }
        Object key = keyed != null ? keyed.keyOf(item) : null;
        lock.lockInterruptibly();
        try {
            while (busy && !cancelled && !source.closed) {
                if (timeoutNanos == Long.MAX_VALUE) {
                    slotFree.await();
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    slotFree.awaitNanos(left);
                }
            }
            checkOpen(source);
            busy = true;
            runner = Thread.currentThread();
            counters.accepted();
        } finally {
            lock.unlock();
        }
        try {
            process(item, key);
        } finally {
            lock.lock();
            try {
                busy = false;
                runner = null;
                if (runnerInterruptedByUs) {
                    runnerInterruptedByUs = false;
                    Thread.interrupted(); // our cancel's interrupt must not leak into the caller
                }
                slotFree.signalAll();
            } finally {
                lock.unlock();
            }
            maybeFinish();
        }
        return true;
    }

    private void checkOpen(Source source) {
        if (cancelled) {
            throw cancellation();
        }
        if (source.closed) {
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

    // ---- running one item ------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void process(Object item, Object key) {
        Object value = item;
        for (int i = 0; i < stages.size(); i++) {
            if (cancelled) {
                counters.cancelled();
                return;
            }
            Stage<Object, Object> fn = stages.get(i).untyped();
            try {
                value = fn.apply(value, contexts.get(i));
            } catch (Throwable t) {
                stageFailed(item, stages.get(i).name(), t);
                return;
            }
            if (value == null) {
                counters.filtered();
                return;
            }
        }
        if (cancelled) {
            counters.cancelled();
            return;
        }
        try {
            if (combiner != null) {
                int slot = (int) Math.floorMod(key != null ? key.hashCode() : roundRobin++, partials.length);
                partials[slot] = combiner.accumulate(partials[slot], value);
            } else {
                sink.onOutput(value);
            }
            counters.output();
        } catch (Throwable t) {
            if (cancelled && isInterruption(t)) {
                counters.cancelled();
            } else {
                counters.failed();
                fatal(new Failure(item, combiner != null ? "combiner" : "sink", t));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void stageFailed(Object item, String stage, Throwable t) {
        if (cancelled && isInterruption(t)) {
            counters.cancelled();
            return;
        }
        counters.failed();
        Failure failure = new Failure(item, stage, t);
        if (t instanceof Error || options.errors() == ErrorPolicy.FAIL_FAST) {
            fatal(failure);
            return;
        }
        try {
            sink.onFailure(failure);
        } catch (Throwable sinkError) {
            fatal(new Failure(item, "sink", sinkError));
        }
    }

    private static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException;
    }

    private void fatal(Failure failure) {
        if (failures.record(failure)) {
            cancel(failure.cause());
        }
    }

    // ---- ending ----------------------------------------------------------------------------

    @Override
    public void cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        lock.lock();
        try {
            // a cancel after termination changes nothing, unless the sink still has the aggregate
            if (!cancelled && (!terminating || runner != null)) {
                cancelCause = cause;
                cancelled = true;
                if (runner != null && runner != Thread.currentThread()) {
                    runnerInterruptedByUs = true;
                    runner.interrupt();
                }
                slotFree.signalAll();
            }
        } finally {
            lock.unlock();
        }
        maybeFinish();
    }

    /** Terminates once no item runs and either every input is closed or the instance is cancelled. */
    @SuppressWarnings("unchecked")
    private void maybeFinish() {
        lock.lock();
        try {
            if (terminating || busy || (openInputs > 0 && !cancelled)) {
                return;
            }
            terminating = true;
        } finally {
            lock.unlock();
        }
        // nobody runs items any more: the sink is ours alone; a cancel may still interrupt it
        if (combiner != null && aggregating()) {
            try {
                Object aggregate = partials[0];
                for (int i = 1; i < partials.length; i++) {
                    aggregate = combiner.combine(aggregate, partials[i]);
                }
                sink.onOutput(aggregate);
            } catch (Throwable t) {
                if (!(cancelled && isInterruption(t))) {
                    fatal(new Failure(null, "sink", t));
                }
            } finally {
                lock.lock();
                try {
                    runner = null;
                    if (runnerInterruptedByUs) {
                        runnerInterruptedByUs = false;
                        Thread.interrupted();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        deadline.disarm();
        terminated.countDown();
    }

    /** Marks this thread as the one giving the sink the aggregate; false if a cancel came first. */
    private boolean aggregating() {
        lock.lock();
        try {
            if (cancelled) {
                return false;
            }
            runner = Thread.currentThread();
            return true;
        } finally {
            lock.unlock();
        }
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
        long due = System.nanoTime() + unit.toNanos(timeout);
        if (!terminated.await(timeout, unit)) {
            return false;
        }
        deadline.join(); // the watch's thread is the engine's too: it must be gone
        return System.nanoTime() - due <= 0 || terminated.getCount() == 0;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(buffers);
    }
}
