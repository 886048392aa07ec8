package dev.poolbench.engine.forkjoin;

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
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * The {@code forkjoin} engine: every running instance owns a dedicated {@link java.util.concurrent.ForkJoinPool}
 * (never the common pool) sized to the sum of its stages' parallelism. Each stage bounds its own
 * admission with a slot count (at most {@code parallelism} running, at most {@code buffer} waiting),
 * items run in per-stage mailboxes drained by tasks forked onto the pool, backpressure, stages
 * marked blocking and a busy sink wait under {@link java.util.concurrent.ForkJoinPool#managedBlock}, and a combiner's partials
 * are folded with a {@link java.util.concurrent.RecursiveTask}. Keeps every guarantee of the
 * {@link Engine} contract.
 */
public final class ForkJoinEngine implements Engine {

    /** {@code forkjoin.async}: FIFO scheduling of forked, never-joined tasks (true) or LIFO (false). */
    static final String ASYNC = "forkjoin.async";

    private final Scheduling.HandOnProbe probe;

    public ForkJoinEngine() {
        this(Scheduling.HandOnProbe.NONE);
    }

    /** A test seam: an engine whose instances call {@code probe} in engine code before each hand-on. */
    ForkJoinEngine(Scheduling.HandOnProbe probe) {
        this.probe = probe;
    }

    @Override
    public String name() {
        return "forkjoin";
    }

    @Override
    public String description() {
        return "dedicated ForkJoinPool per instance; per-stage slot counts, mailboxes drained by forked tasks, managedBlock "
                + "for blocking stages, backpressure and the sink, "
                + "RecursiveTask fan-in of combiner partials";
    }

    @Override
    public List<EngineOption> options() {
        return List.of(new EngineOption(ASYNC, List.of("true", "false"), "true",
                "ForkJoinPool asyncMode: FIFO order for stage tasks (true) or LIFO work-stealing order (false)"));
    }

    /** Platform and fork-join worker threads named {@code poolbench-forkjoin-<pattern>-<n>}. */
    @Override
    public ThreadFactory defaultThreadFactory(PatternKind pattern) {
        return new ForkJoinThreadFactory("poolbench-" + name() + "-" + pattern.shortName() + "-");
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return new ForkJoinInstance<>(this, PatternKind.WORKER_POOL, List.of(List.of(p.stage())), false,
                p.options(), null, sink, probe);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        return new ForkJoinInstance<>(this, PatternKind.PIPELINE, List.of(p.stages()), false, p.options(), null,
                sink, probe);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return new ForkJoinInstance<>(this, PatternKind.FAN_OUT, fanOutLanes(p), false, p.options(), null, sink, probe);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        Objects.requireNonNull(combiner, "combiner");
        return new ForkJoinInstance<>(this, PatternKind.FAN_OUT, fanOutLanes(p), false, p.options(), combiner,
                sink, probe);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        List<List<StageSpec<?, ?>>> lanes = new ArrayList<>();
        for (int i = 0; i < p.sources(); i++) {
            lanes.add(List.of(p.stage()));
        }
        return new ForkJoinInstance<>(this, PatternKind.MERGE, lanes, true, p.options(), null, sink, probe);
    }

    /** Fan-out: {@code workers()} lanes, each one worker (parallelism 1) behind its own buffer. */
    private static List<List<StageSpec<?, ?>>> fanOutLanes(FanOut<?, ?> p) {
        List<List<StageSpec<?, ?>>> lanes = new ArrayList<>();
        for (int i = 0; i < p.workers(); i++) {
            lanes.add(List.of(p.stage().withParallelism(1)));
        }
        return lanes;
    }
}
