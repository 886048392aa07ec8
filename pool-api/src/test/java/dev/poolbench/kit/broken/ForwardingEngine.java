package dev.poolbench.kit.broken;

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
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.engine.sequential.SequentialEngine;

import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Test-only base of the planted-bug engines: the {@code sequential} engine, with hooks to
 * decorate the sink, the running instance, or to act when an instance is built. Keeps the
 * delegate's name so that option validation behaves as the delegate's.
 */
abstract class ForwardingEngine implements Engine {
    private final SequentialEngine delegate = new SequentialEngine();

    /** Decorates the sink the caller gave; identity by default. */
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        return sink;
    }

    /** Decorates a running worker pool, pipeline or fan-out; identity by default. */
    protected <I> Running<I> running(Running<I> running) {
        return running;
    }

    /** Decorates a running worker pool, pipeline or fan-out, knowing its options; {@link #running(Running)} by default. */
    protected <I> Running<I> running(Running<I> running, PatternOptions options) {
        return running(running);
    }

    /** Decorates a running merge; identity by default. */
    protected <I> RunningMerge<I> merge(RunningMerge<I> merge) {
        return merge;
    }

    /** Decorates the function of stage {@code index} (0 unless a pipeline); identity by default. */
    protected Stage<Object, Object> stage(Stage<Object, Object> function, int index) {
        return function;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <I, O> StageSpec<I, O> wrap(StageSpec<I, O> spec, int index) {
        Stage decorated = stage(spec.untyped(), index);
        return new StageSpec<I, O>(spec.name(), decorated, spec.parallelism(), spec.buffer(), spec.blocking());
    }

    /** Called when an instance is built. */
    protected void built(PatternOptions options) {
    }

    private <I, O> Pipeline<I, O> wrapAll(Pipeline<I, O> p) {
        List<StageSpec<?, ?>> stages = new java.util.ArrayList<>();
        for (int i = 0; i < p.stages().size(); i++) {
            stages.add(wrap(p.stages().get(i), i));
        }
        return new Pipeline<>(stages, p.options());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String description() {
        return "planted bug over " + delegate.description();
    }

    @Override
    public List<EngineOption> options() {
        return delegate.options();
    }

    @Override
    public ThreadFactory defaultThreadFactory(PatternKind pattern) {
        return delegate.defaultThreadFactory(pattern);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Running<I> workerPool(WorkerPool<I, O> p, Sink<? super O> sink) {
        Running<I> r = running(delegate.workerPool(WorkerPool.of(wrap(p.stage(), 0), p.options()), sink((Sink<O>) sink, p.options())), p.options());
        built(p.options());
        return r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Running<I> pipeline(Pipeline<I, O> p, Sink<? super O> sink) {
        Running<I> r = running(delegate.pipeline(wrapAll(p), sink((Sink<O>) sink, p.options())), p.options());
        built(p.options());
        return r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Running<I> fanOut(FanOut<I, O> p, Sink<? super O> sink) {
        Running<I> r = running(delegate.fanOut(FanOut.of(wrap(p.stage(), 0), p.options()), sink((Sink<O>) sink, p.options())), p.options());
        built(p.options());
        return r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O, A> Running<I> fanOut(FanOut<I, O> p, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        Running<I> r = running(delegate.fanOut(FanOut.of(wrap(p.stage(), 0), p.options()), combiner, sink((Sink<A>) sink, p.options())), p.options());
        built(p.options());
        return r;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> RunningMerge<I> merge(Merge<I, O> p, Sink<? super O> sink) {
        RunningMerge<I> r = merge(delegate.merge(Merge.of(p.sources(), wrap(p.stage(), 0), p.options()), sink((Sink<O>) sink, p.options())));
        built(p.options());
        return r;
    }
}
