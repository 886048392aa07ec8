package dev.poolbench.harness.jmh;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Topology} on {@link ThreadPoolExecutor}s, one single-thread executor per consumer with
 * the executor's usual queue ({@link LinkedBlockingQueue}, here bounded at
 * {@value Topology#CAPACITY}). A task per item and consumer; consumer k's task runs its work and
 * then hands the item to executor k+1. A full queue blocks the submitter (the rejection handler
 * waits with {@code put}), which keeps the topology — CallerRuns would move the work onto the
 * producer.
 * <pre>
 *  unicast     P1 ─execute─► [TPE 1 thread: C1]
 *  pipeline3   P1 ─► [TPE: C1] ─execute─► [TPE: C2] ─execute─► [TPE: C3]
 *  sequencer3  P1,P2,P3 ─execute─► [TPE 1 thread: C1]
 * </pre>
 */
final class ExecutorTopology extends BatchTopology {

    private final ThreadPoolExecutor[] executors;

    ExecutorTopology(Topology topology, int batch) {
        super(topology, batch, RingTopology.consumerNames(topology));
        executors = new ThreadPoolExecutor[topology.stages()];
        for (int k = 0; k < executors.length; k++) {
            executors[k] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(Topology.CAPACITY),
                    Thread.ofPlatform().daemon().name("executor-consumer-" + (k + 1)).factory(),
                    ExecutorTopology::waitForRoom);
            executors[k].prestartAllCoreThreads();
        }
        startProducers();
    }

    private static void waitForRoom(Runnable task, ThreadPoolExecutor executor) {
        if (executor.isShutdown()) {
            throw new RejectedExecutionException("executor shut down");
        }
        try {
            executor.getQueue().put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while the queue was full", e);
        }
    }

    @Override
    void publish(int producer, long from, long to) {
        ThreadPoolExecutor first = executors[0];
        for (long v = from; v < to; v++) {
            long value = v;
            first.execute(() -> consume(0, value));
        }
    }

    private void consume(int k, long value) {
        try {
            tallies.get(k).add(value);
            if (k + 1 < executors.length) {
                executors[k + 1].execute(() -> consume(k + 1, value));
            }
        } catch (Throwable t) {
            end.fail(t);
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        // in pipeline order: executor k may still hand items to k+1 until it has terminated
        for (ThreadPoolExecutor e : executors) {
            e.shutdown();
            if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor did not terminate in 10 s");
            }
        }
    }
}
