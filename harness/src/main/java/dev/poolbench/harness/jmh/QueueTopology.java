package dev.poolbench.harness.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A {@link Topology} on bounded {@link BlockingQueue}s of {@value Topology#CAPACITY} items, one
 * per arc, as the Disruptor's queue perftests ({@code OneToOneQueueThroughputTest} and its
 * pipeline and three-to-one twins) build it: {@code put} on the producer side, a consumer thread
 * looping on {@code take}. The items are boxed {@code Long}s boxed once before the run, so the
 * queue's own allocation (a node per item for {@link LinkedBlockingQueue}) is the only one.
 * <pre>
 *  unicast     P1 ─put─► [Q1] ─take─► C1
 *  pipeline3   P1 ─► [Q1] ─► C1 ─► [Q2] ─► C2 ─► [Q3] ─► C3
 *  sequencer3  P1,P2,P3 ─put─► [Q1] ─take─► C1
 * </pre>
 */
final class QueueTopology extends BatchTopology {

    /** Tells a consumer to stop (passed on down the pipeline); never one of the values. */
    private static final Long STOP = Long.MIN_VALUE;

    private final Long[] boxed;
    private final List<BlockingQueue<Long>> queues = new ArrayList<>();
    private final List<Thread> consumers = new ArrayList<>();

    QueueTopology(Topology topology, int batch, boolean linked) {
        super(topology, batch, RingTopology.consumerNames(topology));
        boxed = BoxedValues.of(batch);
        for (int k = 0; k < topology.stages(); k++) {
            queues.add(linked ? new LinkedBlockingQueue<>(Topology.CAPACITY) : new ArrayBlockingQueue<>(Topology.CAPACITY));
        }
        String name = linked ? "lbq-consumer-" : "abq-consumer-";
        for (int k = 0; k < topology.stages(); k++) {
            int stage = k;
            consumers.add(Thread.ofPlatform().daemon().name(name + (k + 1)).start(() -> consume(stage)));
        }
        startProducers();
    }

    private void consume(int k) {
        BlockingQueue<Long> in = queues.get(k);
        BlockingQueue<Long> out = k + 1 < queues.size() ? queues.get(k + 1) : null;
        StageTally tally = tallies.get(k);
        try {
            for (Long v = in.take(); v != STOP; v = in.take()) {
                tally.add(v);
                if (out != null) {
                    out.put(v);
                }
            }
            if (out != null) {
                out.put(STOP);
            }
        } catch (Throwable t) {
            end.fail(t);
        }
    }

    @Override
    void publish(int producer, long from, long to) throws InterruptedException {
        BlockingQueue<Long> q = queues.getFirst();
        Long[] values = boxed;
        for (long v = from; v < to; v++) {
            q.put(values[(int) v]);
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        queues.getFirst().put(STOP);
        for (Thread t : consumers) {
            join(t);
        }
    }
}
