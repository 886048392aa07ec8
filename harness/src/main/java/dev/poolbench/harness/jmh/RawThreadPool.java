package dev.poolbench.harness.jmh;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code executor} engine: {@link ThreadPoolExecutor}s with an
 * {@link ArrayBlockingQueue} of {@value HandoffPattern#BUFFER} tasks each, one executor per lane
 * (or per pipeline stage). A full queue blocks the submitter (the rejection handler waits with
 * {@code put}) — the usual way to get backpressure from an executor without CallerRuns, which
 * would change the topology. Pipeline stage k's task submits stage k+1's task; results reach the
 * consumer under a lock.
 */
final class RawThreadPool extends RawHandoff {

    private final ThreadPoolExecutor[] executors;
    private int next;

    RawThreadPool(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
        boolean pipeline = pattern == HandoffPattern.PIPELINE3;
        executors = new ThreadPoolExecutor[pipeline ? HandoffPattern.PIPELINE_STAGES : pattern.lanes()];
        for (int i = 0; i < executors.length; i++) {
            int n = pattern.workersPerLane();
            executors[i] = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(HandoffPattern.BUFFER),
                    Thread.ofPlatform().daemon().name("raw-threadpool-" + i + "-", 0).factory(),
                    (task, executor) -> {
                        try {
                            executor.getQueue().put(task);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new RejectedExecutionException("interrupted while the queue was full", e);
                        }
                    });
            executors[i].prestartAllCoreThreads();
        }
    }

    @Override
    void submit(Parcel p) {
        if (pattern == HandoffPattern.PIPELINE3) {
            executors[0].execute(() -> runStep(0, p));
        } else {
            int lane = next;
            next = lane + 1 == executors.length ? 0 : lane + 1;
            executors[lane].execute(() -> {
                try {
                    deliverLocked(TinyStages.apply(stages.fused(), p));
                } catch (Throwable t) {
                    sink.fail(t);
                }
            });
        }
    }

    private void runStep(int k, Parcel p) {
        try {
            Parcel out = TinyStages.apply(step(k), p);
            if (k + 1 == executors.length) {
                deliverLocked(out);
            } else {
                executors[k + 1].execute(() -> runStep(k + 1, out));
            }
        } catch (Throwable t) {
            sink.fail(t);
        }
    }

    @Override
    void close() throws InterruptedException {
        // in pipeline order: stage k may still submit to stage k+1 until it has terminated
        for (ThreadPoolExecutor e : executors) {
            e.shutdown();
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw thread pool did not terminate in 10 s");
            }
        }
    }
}
