package dev.poolbench.harness.jmh;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code forkjoin} engine: one {@link ForkJoinPool} whose parallelism is the
 * topology's worker count (as the engine sizes its pool), in async (FIFO) mode, and a
 * {@link ForkJoinMailbox} per lane (per stage in the pipeline) drained by at most the lane's
 * workers at a time — the way actor runtimes put consumers on a fork/join pool. The drain that
 * runs the lane's last step delivers to the consumer (under the sink lock), so nothing is joined
 * and the benchmark thread only submits. Each lane's {@link Semaphore} of buffer + workers
 * permits is its buffer, taken by whoever hands the item in (a full lane blocks its submitter);
 * a pipeline step takes the next stage's permit before it gives its own back.
 */
final class RawForkJoin extends RawHandoff {

    private final ForkJoinPool pool;
    private final ForkJoinMailbox<Parcel>[] lanes;
    private final Semaphore[] admitted;
    private final int admits;
    private int next;

    @SuppressWarnings("unchecked")
    RawForkJoin(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        super(pattern, stages, sink);
        int n = pattern == HandoffPattern.PIPELINE3 ? HandoffPattern.PIPELINE_STAGES : pattern.lanes();
        admits = HandoffPattern.BUFFER + pattern.workersPerLane();
        pool = new ForkJoinPool(n * pattern.workersPerLane(), ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                (thread, error) -> sink.fail(error), true);
        lanes = new ForkJoinMailbox[n];
        admitted = new Semaphore[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            lanes[i] = new ForkJoinMailbox<>(pool, pattern.workersPerLane(), p -> run(k, p));
            admitted[i] = new Semaphore(admits);
        }
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        int lane = next;
        if (pattern != HandoffPattern.PIPELINE3) {
            next = lane + 1 == lanes.length ? 0 : lane + 1;
        }
        admitted[lane].acquire();
        lanes[lane].offer(p);
    }

    /** Lane or stage {@code k}'s step, in one of its drains; the item holds one of {@code k}'s permits. */
    private void run(int k, Parcel p) {
        try {
            boolean pipeline = pattern == HandoffPattern.PIPELINE3;
            Parcel out = TinyStages.apply(pipeline ? step(k) : stages.fused(), p);
            if (!pipeline || k + 1 == lanes.length) {
                deliverLocked(out);
            } else {
                admitted[k + 1].acquire();
                lanes[k + 1].offer(out);
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
        for (int k = 0; k < lanes.length; k++) {
            if (!admitted[k].tryAcquire(admits, 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw fork/join lane " + k + " did not drain in 10 s");
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("raw fork/join pool did not terminate in 10 s");
        }
    }
}
