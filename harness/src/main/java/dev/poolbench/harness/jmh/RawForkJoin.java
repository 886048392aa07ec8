package dev.poolbench.harness.jmh;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code forkjoin} engine: a {@link ForkJoinPool} per lane (per stage in the
 * pipeline) with the lane's workers as its parallelism, in async (FIFO) mode, the mode for tasks
 * that are never joined. A task per item; the worker that runs the lane's last step delivers to
 * the consumer (under the sink lock), so nothing is joined and the benchmark thread only submits.
 * Fork/join queues are unbounded: each lane's {@link Semaphore} of buffer + workers permits is
 * its buffer, taken by whoever hands the item in (a full lane blocks its submitter, as a full
 * queue would). A pipeline step takes the next stage's permit before it gives its own back.
 */
final class RawForkJoin extends RawHandoff {

    private final ForkJoinPool[] pools;
    private final Semaphore[] admitted;
    private final int admits;
    private int next;

    RawForkJoin(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
        int n = pattern == HandoffPattern.PIPELINE3 ? HandoffPattern.PIPELINE_STAGES : pattern.lanes();
        admits = HandoffPattern.BUFFER + pattern.workersPerLane();
        pools = new ForkJoinPool[n];
        admitted = new Semaphore[n];
        for (int i = 0; i < n; i++) {
            pools[i] = new ForkJoinPool(pattern.workersPerLane(), ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                    (thread, error) -> sink.fail(error), true);
            admitted[i] = new Semaphore(admits);
        }
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        int lane = next;
        if (pattern != HandoffPattern.PIPELINE3) {
            next = lane + 1 == pools.length ? 0 : lane + 1;
        }
        admitted[lane].acquire();
        pools[lane].execute(() -> run(lane, p));
    }

    /** Lane or stage {@code k}'s step on its pool; the caller holds one of {@code k}'s permits. */
    private void run(int k, Parcel p) {
        try {
            boolean pipeline = pattern == HandoffPattern.PIPELINE3;
            Parcel out = TinyStages.apply(pipeline ? step(k) : stages.fused(), p);
            if (!pipeline || k + 1 == pools.length) {
                deliverLocked(out);
            } else {
                admitted[k + 1].acquire();
                pools[k + 1].execute(() -> run(k + 1, out));
            }
        } catch (Throwable t) {
            sink.fail(t);
        } finally {
            admitted[k].release();
        }
    }

    @Override
    void close() throws InterruptedException {
        // in pipeline order: all of stage k's permits back means every item moved past it
        for (int k = 0; k < pools.length; k++) {
            if (!admitted[k].tryAcquire(admits, 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw fork/join lane " + k + " did not drain in 10 s");
            }
            pools[k].shutdown();
            if (!pools[k].awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw fork/join pool did not terminate in 10 s");
            }
        }
    }
}
