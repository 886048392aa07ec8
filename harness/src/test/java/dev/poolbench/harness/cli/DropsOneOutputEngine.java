package dev.poolbench.harness.cli;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Merge;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.engine.sequential.SequentialEngine;

/**
 * A planted bug for the harness's oracle check: the sequential engine, except that the 37th
 * output of every instance never reaches the sink. Only visible to tests that put it on the
 * context class loader; never registered for ServiceLoader in the build.
 */
public final class DropsOneOutputEngine implements Engine {
    private final SequentialEngine delegate = new SequentialEngine();

    @Override
    public String name() {
        return "drops-one";
    }

    @Override
    public String description() {
        return "test only: sequential that loses its 37th output";
    }

    private static <O> Sink<O> losing(Sink<? super O> sink) {
        return new Sink<>() {
            private int n;

            @Override
            public void onOutput(O output) throws Exception {
                if (++n != 37) {
                    sink.onOutput(output);
                }
            }

            @Override
            public void onFailure(dev.poolbench.api.Failure failure) throws Exception {
                sink.onFailure(failure);
            }
        };
    }

    @Override
    public <I, O> Running<I> workerPool(WorkerPool<I, O> pattern, Sink<? super O> sink) {
        return delegate.workerPool(pattern, losing(sink));
    }

    @Override
    public <I, O> Running<I> pipeline(Pipeline<I, O> pattern, Sink<? super O> sink) {
        return delegate.pipeline(pattern, losing(sink));
    }

    @Override
    public <I, O> Running<I> fanOut(FanOut<I, O> pattern, Sink<? super O> sink) {
        return delegate.fanOut(pattern, losing(sink));
    }

    @Override
    public <I, O, A> Running<I> fanOut(FanOut<I, O> pattern, Combiner<? super O, A> combiner, Sink<? super A> sink) {
        return delegate.fanOut(pattern, combiner, sink);
    }

    @Override
    public <I, O> RunningMerge<I> merge(Merge<I, O> pattern, Sink<? super O> sink) {
        return delegate.merge(pattern, losing(sink));
    }
}
