package dev.poolbench.engine.sequential;

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
import dev.poolbench.api.WorkerPool;

import java.util.List;

/**
 * The reference engine and the 1-core baseline: each item runs to completion, through every
 * stage, on the thread that submitted it, under one lock. Concurrent producers are therefore
 * serialised, the sink is never concurrent, and at most one item is in flight. Its outputs
 * define what every other engine must produce.
 */
public final class SequentialEngine implements Engine {

    static final String FAIR = "sequential.fair";

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "caller-runs under one lock; the oracle and 1-core baseline";
    }

    @Override
    public List<EngineOption> options() {
        return List.of(new EngineOption(FAIR, List.of("false", "true"), "false",
                "admit waiting producers in arrival order (a fair lock) instead of barging"));
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return new SequentialInstance<>(this, PatternKind.WORKER_POOL, List.of(p.stage()), p.options(), 1, 1,
                null, sink);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        return new SequentialInstance<>(this, PatternKind.PIPELINE, p.stages(), p.options(), 1, 1, null, sink);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return new SequentialInstance<>(this, PatternKind.FAN_OUT, List.of(p.stage()), p.options(), 1,
                p.workers(), null, sink);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        return new SequentialInstance<>(this, PatternKind.FAN_OUT, List.of(p.stage()), p.options(), 1,
                p.workers(), combiner, sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        return new SequentialInstance<>(this, PatternKind.MERGE, List.of(p.stage()), p.options(), p.sources(), 1,
                null, sink);
    }
}
