package dev.poolbench.engine.executor;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors of one stage: a single {@link StageExecutor} of {@code parallelism} threads, or
 * under KEYED {@code parallelism} single-thread executors, one per key lane
 * ({@code key.hashCode() mod lanes}). A KEYED merge shares one set among its inputs, so that
 * equal keys from different inputs still meet in one lane; the set shuts down when the last of
 * its {@code owners} has ended.
 */
final class LaneSet {
    final StageExecutor[] lanes;
    final List<BlockingQueue<Runnable>> queues;
    private final AtomicInteger lanesLeft;
    private final AtomicInteger ownersLeft;
    private final boolean prestart;

    LaneSet(ExecutorInstance<?> in, int laneCount, int threadsPerLane, int queueCapacity, boolean prestart,
            int owners, Runnable onAllTerminated) {
        this.lanes = new StageExecutor[laneCount];
        BlockingQueue<?>[] qs = new BlockingQueue<?>[laneCount];
        this.lanesLeft = new AtomicInteger(laneCount);
        this.ownersLeft = new AtomicInteger(owners);
        this.prestart = prestart;
        for (int i = 0; i < laneCount; i++) {
            BlockingQueue<Runnable> q = in.settings.queue().create(queueCapacity);
            qs[i] = q;
            lanes[i] = new StageExecutor(threadsPerLane, q, in.threads, () -> {
                if (lanesLeft.decrementAndGet() == 0) {
                    onAllTerminated.run();
                }
                in.partDone();
            });
        }
        @SuppressWarnings("unchecked")
        List<BlockingQueue<Runnable>> list = (List<BlockingQueue<Runnable>>) (List<?>) List.of(qs);
        this.queues = list;
    }

    int laneOf(int keyHash) {
        return lanes.length == 1 ? 0 : Math.floorMod(keyHash, lanes.length);
    }

    /** One owner (the stage before, or one merge input) will hand over nothing more. */
    void ownerEnded() {
        if (ownersLeft.decrementAndGet() == 0) {
            for (StageExecutor e : lanes) {
                e.shutdown(); // queued work still runs
            }
        }
    }

    void shutdownNow() {
        for (StageExecutor e : lanes) {
            e.shutdownNow();
        }
    }

    void start() {
        if (prestart) {
            for (StageExecutor e : lanes) {
                e.prestartAllCoreThreads();
            }
        }
    }

    /** Executors, each reporting its termination to {@link ExecutorInstance#partDone()}. */
    int parts() {
        return lanes.length;
    }
}
