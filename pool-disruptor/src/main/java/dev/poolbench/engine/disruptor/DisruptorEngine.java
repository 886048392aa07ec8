package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.EngineOption;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The LMAX Disruptor 4 engine. Every pattern is one pre-allocated ring buffer with its stages as
 * a handler chain; a stage of parallelism {@code p} is {@code p} handlers sharing the ring, each
 * taking its share of the sequences ({@code sequence mod p}, or {@code key hash mod p} under
 * KEYED) — Disruptor 4 has no WorkerPool. One fan-in handler ends the chain and alone calls the
 * sink, in sequence order. Each stage holds at most its buffer plus its parallelism (a permit
 * for the first, a sequence {@link Region} for the others), which bounds the items in flight
 * (guarantee 3); the ring, their sum rounded up to a power of two, never binds. Keeps every
 * guarantee of {@link Engine}.
 *
 * <p>Option {@value #WAIT}: the Disruptor wait strategy of the handlers (see the module README
 * for the measurements behind the default).
 */
public final class DisruptorEngine implements Engine {

    /** {@code disruptor.wait=auto|blocking|parking|sleeping|yielding|busyspin}. */
    public static final String WAIT = "disruptor.wait";
    /** The default wait strategy: see the module README for the measurements. */
    static final WaitChoice DEFAULT_WAIT = WaitChoice.AUTO;

    /** How long a {@code parking} handler blocks before it looks again unsignalled. */
    private final long parkingSafetyNetMillis;

    public DisruptorEngine() {
        this(ParkingWaitStrategy.SAFETY_NET_MILLIS);
    }

    /** Test seam: a test widens the parking safety net so that only a signal can end a wait in time. */
    DisruptorEngine(long parkingSafetyNetMillis) {
        this.parkingSafetyNetMillis = parkingSafetyNetMillis;
    }

    long parkingSafetyNetMillis() {
        return parkingSafetyNetMillis;
    }

    @Override
    public String name() {
        return "disruptor";
    }

    @Override
    public String description() {
        return "LMAX Disruptor 4: one ring per instance, stages as a handler chain sharded by sequence or key,"
                + " one fan-in handler to the sink";
    }

    @Override
    public List<EngineOption> options() {
        return List.of(new EngineOption(WAIT, WaitChoice.optionValues(), DEFAULT_WAIT.optionValue(),
                "wait strategy of the ring's handlers; auto = parking when rate-limited or for a single stage"
                        + " with over 4 handler threads per core (an idle or waiting ring then costs no CPU), else"
                        + " sleeping (the fastest closed loop); parking blocks until a publish or an upstream"
                        + " handler moves; yielding and busyspin keep a core busy per handler thread"));
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return new DisruptorInstance<>(this, PatternKind.WORKER_POOL, List.of(p.stage()), p.options(), 1, 1,
                List.of(p.stage().buffer()), null, sink);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        List<Integer> buffers = new ArrayList<>();
        for (StageSpec<?, ?> s : p.stages()) {
            buffers.add(s.buffer());
        }
        return new DisruptorInstance<>(this, PatternKind.PIPELINE, p.stages(), p.options(), 1, 1, buffers, null,
                sink);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return new DisruptorInstance<>(this, PatternKind.FAN_OUT, List.of(p.stage()), p.options(), 1, 1,
                lanes(p.workers(), p.stage().buffer()), null, sink);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        return new DisruptorInstance<>(this, PatternKind.FAN_OUT, List.of(p.stage()), p.options(), 1, 1,
                lanes(p.workers(), p.stage().buffer()), java.util.Objects.requireNonNull(combiner, "combiner"),
                sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        return new DisruptorInstance<>(this, PatternKind.MERGE, List.of(p.stage()), p.options(), p.sources(),
                p.sources(), lanes(p.sources(), p.stage().buffer()), null, sink);
    }

    private static List<Integer> lanes(int count, int buffer) {
        return Collections.nCopies(count, buffer);
    }
}
