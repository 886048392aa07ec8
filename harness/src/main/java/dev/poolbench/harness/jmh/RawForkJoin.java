package dev.poolbench.harness.jmh;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code forkjoin} engine: submit/join on one {@link ForkJoinPool} whose
 * parallelism is the topology's worker count. The caller is the one consumer: it joins the
 * oldest task when its window of in-flight tasks is full (the window is the contract's bound,
 * Σ buffers + Σ parallelism) and joins the rest at the end of the batch. The pipeline is the
 * plain fork/join way to chain stages: a {@link CompletableFuture} with each stage an async step
 * on the pool, so every stage is a separate task and a hand-off.
 */
final class RawForkJoin extends RawHandoff {

    private final ForkJoinPool pool;
    private final ArrayDeque<Future<Parcel>> inFlight = new ArrayDeque<>();
    private final int window;

    RawForkJoin(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
        boolean pipeline = pattern == HandoffPattern.PIPELINE3;
        int lanes = pipeline ? HandoffPattern.PIPELINE_STAGES : pattern.lanes();
        pool = new ForkJoinPool(lanes * pattern.workersPerLane());
        window = lanes * (HandoffPattern.BUFFER + pattern.workersPerLane());
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        if (inFlight.size() == window) {
            sink.deliver(join(inFlight.poll()));
        }
        if (pattern == HandoffPattern.PIPELINE3) {
            inFlight.add(CompletableFuture.supplyAsync(() -> TinyStages.apply(step(0), p), pool)
                    .thenApplyAsync(x -> TinyStages.apply(step(1), x), pool)
                    .thenApplyAsync(x -> TinyStages.apply(step(2), x), pool));
        } else {
            inFlight.add(pool.submit(() -> TinyStages.apply(stages.fused(), p)));
        }
    }

    @Override
    void flush() throws InterruptedException {
        while (!inFlight.isEmpty()) {
            sink.deliver(join(inFlight.poll()));
        }
    }

    private static Parcel join(Future<Parcel> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fork/join task failed", e.getCause());
        }
    }

    @Override
    void close() throws InterruptedException {
        flush();
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw fork/join pool did not terminate in 10 s");
        }
    }
}
