package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.EngineOption;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.WorkerPool;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Test helper: the disruptor engine with {@code disruptor.wait} pinned to one value for every
 * pattern it builds, so the conformance kit (which passes no engine options) can run against
 * each wait strategy.
 */
final class WaitPinnedEngine implements Engine {
    private final DisruptorEngine engine = new DisruptorEngine();
    private final String wait;

    WaitPinnedEngine(String wait) {
        this.wait = wait;
    }

    private PatternOptions pinned(PatternOptions o) {
        return o.toBuilder().engineOption(DisruptorEngine.WAIT, wait).build();
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public String description() {
        return engine.description() + " (wait=" + wait + ")";
    }

    @Override
    public List<EngineOption> options() {
        return engine.options();
    }

    @Override
    public ThreadFactory defaultThreadFactory(PatternKind pattern) {
        return engine.defaultThreadFactory(pattern);
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        return engine.workerPool(WorkerPool.of(p.stage(), pinned(p.options())), sink);
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        return engine.pipeline(new Pipeline<>(p.stages(), pinned(p.options())), sink);
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        return engine.fanOut(FanOut.of(p.stage(), pinned(p.options())), sink);
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        return engine.fanOut(FanOut.of(p.stage(), pinned(p.options())), combiner, sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        return engine.merge(Merge.of(p.sources(), p.stage(), pinned(p.options())), sink);
    }
}
