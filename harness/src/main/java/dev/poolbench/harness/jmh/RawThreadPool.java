package dev.poolbench.harness.jmh;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code executor} engine: {@link ThreadPoolExecutor}s, one per lane (or per
 * pipeline stage), each bounded the way <i>Java Concurrency in Practice</i> bounds an executor
 * (§8.3.3, {@code BoundedExecutor}): a {@link Semaphore} of {@value HandoffPattern#BUFFER} +
 * workers permits, taken before {@code execute} (a full lane blocks whoever hands an item in) and
 * given back when the task has run; the queue ({@link ArrayBlockingQueue} of as many slots) never
 * fills, so nothing is ever rejected. Pipeline stage k's task takes stage k+1's permit, submits
 * stage k+1's task and then gives its own back; results reach the consumer under a lock.
 *
 * <p>Until 2026-11-30 a full queue made {@code execute} reject and the rejection handler
 * {@code put} the task: each submit into a full lane then took the queue's lock twice and tried to
 * add a worker in between, and the engine (which bounds with a semaphore, as here) ran pool 1.5×
 * and pipeline3 3× faster than its "baseline".
 */
final class RawThreadPool extends RawHandoff {

    private final ThreadPoolExecutor[] executors;
    private final Semaphore[] permits;
    private int next;

    RawThreadPool(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
        boolean pipeline = pattern == HandoffPattern.PIPELINE3;
        executors = new ThreadPoolExecutor[pipeline ? HandoffPattern.PIPELINE_STAGES : pattern.lanes()];
        permits = new Semaphore[executors.length];
        for (int i = 0; i < executors.length; i++) {
            int n = pattern.workersPerLane();
            permits[i] = new Semaphore(HandoffPattern.BUFFER + n);
            executors[i] = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(HandoffPattern.BUFFER + n),
                    Thread.ofPlatform().daemon().name("raw-threadpool-" + i + "-", 0).factory());
            executors[i].prestartAllCoreThreads();
        }
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        if (pattern == HandoffPattern.PIPELINE3) {
            permits[0].acquire();
            executors[0].execute(() -> runStep(0, p));
        } else {
            int lane = next;
            next = lane + 1 == executors.length ? 0 : lane + 1;
            permits[lane].acquire();
            executors[lane].execute(() -> {
                try {
                    deliverLocked(TinyStages.apply(stages.fused(), p));
                } catch (Throwable t) {
                    sink.fail(t);
                } finally {
                    permits[lane].release();
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
                permits[k + 1].acquire();
                executors[k + 1].execute(() -> runStep(k + 1, out));
            }
        } catch (Throwable t) {
            sink.fail(t);
        } finally {
            permits[k].release();
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
