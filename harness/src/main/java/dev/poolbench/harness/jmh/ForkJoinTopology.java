package dev.poolbench.harness.jmh;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Topology} on {@link ForkJoinPool}s, one pool of parallelism 1 per consumer in async
 * (FIFO) mode — the mode the JDK recommends for event-style tasks that are never joined. A task
 * per item and consumer; consumer k's task runs its work, then submits the item's next task to
 * pool k+1. Fork/join queues are unbounded, so a {@link Semaphore} of {@value Topology#CAPACITY}
 * permits bounds the items in flight: the producer takes one per item, the last consumer gives it
 * back.
 * <pre>
 *  unicast     P1 ─acquire, execute─► [FJP(1): C1 ─release]
 *  pipeline3   P1 ─► [FJP(1): C1] ─execute─► [FJP(1): C2] ─execute─► [FJP(1): C3 ─release]
 *  sequencer3  P1,P2,P3 ─acquire, execute─► [FJP(1): C1 ─release]
 * </pre>
 */
final class ForkJoinTopology extends BatchTopology {

    private final ForkJoinPool[] pools;
    private final Semaphore inFlight = new Semaphore(Topology.CAPACITY);

    ForkJoinTopology(Topology topology, int batch) {
        super(topology, batch, RingTopology.consumerNames(topology));
        pools = new ForkJoinPool[topology.stages()];
        for (int k = 0; k < pools.length; k++) {
            pools[k] = new ForkJoinPool(1, ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                    (thread, error) -> end.fail(error), true);
        }
        startProducers();
    }

    @Override
    void publish(int producer, long from, long to) throws InterruptedException {
        ForkJoinPool first = pools[0];
        for (long v = from; v < to; v++) {
            long value = v;
            inFlight.acquire();
            first.execute(() -> consume(0, value));
        }
    }

    private void consume(int k, long value) {
        try {
            tallies.get(k).add(value);
            if (k + 1 < pools.length) {
                pools[k + 1].execute(() -> consume(k + 1, value));
            } else {
                inFlight.release();
            }
        } catch (Throwable t) {
            end.fail(t);
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        for (ForkJoinPool p : pools) {
            p.shutdown();
            if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fork/join pool did not terminate in 10 s");
            }
        }
    }
}
