package dev.poolbench.harness.jmh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A running {@link Topology} that moves batches of items, shaped like an LMAX perftest pass: the
 * producers publish the values {@code 0 … batch-1} (the benchmark thread its share, the helper
 * producers of {@code sequencer3} theirs at the same time), then the benchmark thread parks until
 * the last consumer counted the batch's final item. No per-item clock, no per-item allocation by
 * the harness.
 *
 * <p>{@link #verify} is the perftests' {@code failIfNot}: every consumer must have seen every item
 * exactly once — its count and its sum of values equal to what the producers published — or it
 * throws, and the benchmark fails.
 */
abstract class BatchTopology {

    final Topology topology;
    final int batch;
    final BatchEnd end = new BatchEnd();
    /** One per consumer, in order; the last one ends the batch. */
    final List<StageTally> tallies = new ArrayList<>();
    private final List<HelperProducer> helpers = new ArrayList<>();
    private long batches;

    /**
     * @param consumers the names of the consumers, in order (the last one ends the batch)
     * @param batch     items per batch, a multiple of the topology's producers
     */
    BatchTopology(Topology topology, int batch, List<String> consumers) {
        if (batch < 1 || batch % topology.producers() != 0) {
            throw new IllegalArgumentException("batch: " + batch + " is invalid for " + topology.paramName()
                    + "; expected a positive multiple of " + topology.producers() + " producers");
        }
        this.topology = topology;
        this.batch = batch;
        for (int i = 0; i < consumers.size(); i++) {
            tallies.add(new StageTally(consumers.get(i), i == consumers.size() - 1 ? end : null));
        }
    }

    /** Starts the helper producers; subclasses call it once their consumers are running. */
    final void startProducers() {
        for (int p = 1; p < topology.producers(); p++) {
            HelperProducer h = new HelperProducer(p);
            helpers.add(h);
            h.thread.start();
        }
    }

    /** Publishes the values {@code from … to-1} as producer {@code producer}, blocking while full. */
    abstract void publish(int producer, long from, long to) throws InterruptedException;

    /** Stops and joins every thread the topology started (after the last batch); throws if one hangs. */
    abstract void stopConsumers() throws Exception;

    /** One batch: every producer publishes its share, then the wait for the last consumer. */
    final void runBatch() throws InterruptedException {
        batches++;
        end.expect(batches * batch);
        for (HelperProducer h : helpers) {
            h.go(batches);
        }
        publish(0, 0, share());
        end.await(tallies.getLast());
    }

    private long share() {
        return batch / topology.producers();
    }

    /** Ends the topology: helper producers, then the consumers. */
    final void close() throws Exception {
        for (HelperProducer h : helpers) {
            h.stop();
        }
        stopConsumers();
        end.checkFailure();
    }

    /** After {@link #close}: every consumer saw each published item once (count and sum), else throws. */
    final void verify() {
        long count = batches * batch;
        long sum = batches * ((long) batch * (batch - 1) / 2);
        for (StageTally t : tallies) {
            if (t.count() != count || t.sum() != sum) {
                throw new IllegalStateException(topology.paramName() + " " + getClass().getSimpleName() + ": "
                        + t.name() + " counted " + t.count() + " items summing to " + t.sum() + "; the producers published "
                        + count + " summing to " + sum);
            }
        }
    }

    /** Batches run so far. */
    final long batches() {
        return batches;
    }

    static void join(Thread t) throws InterruptedException {
        if (!t.join(Duration.ofSeconds(10))) {
            throw new IllegalStateException(t.getName() + " did not stop in 10 s");
        }
    }

    /** Producer {@code index} (≥ 1) of a multi-producer topology: waits for a batch, publishes its share. */
    private final class HelperProducer {
        private final int index;
        private final Thread thread;
        private volatile long released;
        private volatile boolean stopping;

        HelperProducer(int index) {
            this.index = index;
            this.thread = Thread.ofPlatform().daemon().name("producer-" + (index + 1)).unstarted(this::run);
        }

        void go(long batchNumber) {
            released = batchNumber;
            LockSupport.unpark(thread);
        }

        void stop() throws InterruptedException {
            stopping = true;
            LockSupport.unpark(thread);
            join(thread);
        }

        private void run() {
            long done = 0;
            try {
                while (true) {
                    while (released == done) {
                        if (stopping) {
                            return;
                        }
                        LockSupport.park(this);
                    }
                    done++;
                    long from = index * share();
                    publish(index, from, from + share());
                }
            } catch (Throwable t) {
                end.fail(t);
            }
        }
    }
}
