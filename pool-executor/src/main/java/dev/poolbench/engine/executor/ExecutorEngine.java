package dev.poolbench.engine.executor;

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

import java.util.List;

/**
 * The {@code executor} engine: every stage runs on {@link java.util.concurrent.ThreadPoolExecutor}s
 * whose work queue is bounded by the stage's buffer; submitters and upstream workers block on
 * a semaphore that mirrors that queue's free slots (so nothing is ever rejected), KEYED stages
 * run one single-thread executor per key lane, and a fan-out's lanes deliver to the sink
 * themselves under one lock (no future per item, no fan-in thread). Keeps
 * every guarantee of {@link Engine}.
 *
 * <p>Options: {@code executor.queue=array|linked} (the executors' work queue, either bounded by
 * the buffer) and {@code executor.prestart=auto|true|false} (start every worker thread up front;
 * {@code auto} does so except for stages declared blocking, whose threads start on demand).
 */
public final class ExecutorEngine implements Engine {

    static final String QUEUE = "executor.queue";
    static final String PRESTART = "executor.prestart";

    private static final List<EngineOption> OPTIONS = List.of(
            new EngineOption(QUEUE, List.of("array", "linked"), "array",
                    "work queue of every executor: ArrayBlockingQueue or LinkedBlockingQueue, capacity = buffer"),
            new EngineOption(PRESTART, List.of("auto", "true", "false"), "auto",
                    "start all worker threads when the pattern is built; auto: except for blocking stages"));

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public String description() {
        return "ThreadPoolExecutor per stage over a bounded queue (blocking hand-off), per-key single-thread lanes, "
                + "fan-out lanes deliver under one sink lock";
    }

    @Override
    public List<EngineOption> options() {
        return OPTIONS;
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return ExecutorInstance.chain(this, PatternKind.WORKER_POOL, List.of(p.stage()), p.options(), 1, sink);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        return ExecutorInstance.chain(this, PatternKind.PIPELINE, p.stages(), p.options(), 1, sink);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return ExecutorInstance.fanOut(this, p.stage(), p.options(), null, sink);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        return ExecutorInstance.fanOut(this, p.stage(), p.options(),
                java.util.Objects.requireNonNull(combiner, "combiner"), sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        List<StageSpec<?, ?>> stages = List.of(p.stage());
        return ExecutorInstance.chain(this, PatternKind.MERGE, stages, p.options(), p.sources(), sink);
    }
}
