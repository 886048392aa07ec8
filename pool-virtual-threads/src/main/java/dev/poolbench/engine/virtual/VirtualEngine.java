package dev.poolbench.engine.virtual;

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
 * The {@code virtual} engine: every pattern runs on virtual threads. By default
 * ({@code virtual.mode=per-task}) each accepted item gets a new virtual thread that carries it
 * through every stage, bounded by two Semaphores per stage (admission: buffer + parallelism;
 * running: parallelism); with {@code virtual.mode=workers} each stage has {@code parallelism}
 * long-lived virtual threads draining a bounded queue. Outputs of all workers are forwarded into
 * one merge point (a {@link java.util.concurrent.locks.ReentrantLock}-guarded sink), so the sink
 * is never called concurrently. Keeps every guarantee of {@link Engine}; no engine code holds a
 * monitor around blocking, so carriers are never pinned by the engine itself.
 */
public final class VirtualEngine implements Engine {

    /** The engine option selecting the {@link VirtualMode}. */
    public static final String MODE = "virtual.mode";

    private final VirtualMode defaultMode;

    /** The engine as {@link java.util.ServiceLoader} finds it: {@code virtual.mode} defaults to per-task. */
    public VirtualEngine() {
        this(VirtualMode.PER_TASK);
    }

    /** An engine whose {@code virtual.mode} defaults to {@code defaultMode} (an explicit option still wins). */
    public VirtualEngine(VirtualMode defaultMode) {
        this.defaultMode = Objects.requireNonNull(defaultMode, "defaultMode");
    }

    public VirtualMode defaultMode() {
        return defaultMode;
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public String description() {
        return "virtual threads: a new one per item bounded by Semaphores (or p long-lived workers on bounded "
                + "queues); forwarded into one lock-guarded merge";
    }

    @Override
    public List<EngineOption> options() {
        return List.of(new EngineOption(MODE, VirtualMode.optionValues(), defaultMode.optionValue(),
                "per-task: a new virtual thread per item, bounded by Semaphores; "
                        + "workers: parallelism long-lived virtual threads per stage draining a bounded queue"));
    }

    /** A virtual-thread factory naming threads {@code poolbench-virtual-<pattern>-<n>}. */
    @Override
    public ThreadFactory defaultThreadFactory(PatternKind pattern) {
        return Thread.ofVirtual().name("poolbench-virtual-" + pattern.shortName() + "-", 0).factory();
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return new VirtualInstance<>(this, PatternKind.WORKER_POOL, List.of(List.of(p.stage())), false,
                p.options(), null, sink);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        return new VirtualInstance<>(this, PatternKind.PIPELINE, List.of(p.stages()), false, p.options(), null,
                sink);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return new VirtualInstance<>(this, PatternKind.FAN_OUT, fanOutLanes(p), false, p.options(), null, sink);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        Objects.requireNonNull(combiner, "combiner");
        return new VirtualInstance<>(this, PatternKind.FAN_OUT, fanOutLanes(p), false, p.options(), combiner,
                sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        List<List<StageSpec<?, ?>>> lanes = new ArrayList<>();
        for (int i = 0; i < p.sources(); i++) {
            lanes.add(List.of(p.stage()));
        }
        return new VirtualInstance<>(this, PatternKind.MERGE, lanes, true, p.options(), null, sink);
    }

    /** One lane per fan-out worker: the stage at parallelism 1 with its own buffer. */
    private static List<List<StageSpec<?, ?>>> fanOutLanes(FanOut<?, ?> p) {
        List<List<StageSpec<?, ?>>> lanes = new ArrayList<>();
        StageSpec<?, ?> one = p.stage().withParallelism(1);
        for (int i = 0; i < p.workers(); i++) {
            lanes.add(List.of(one));
        }
        return lanes;
    }
}
