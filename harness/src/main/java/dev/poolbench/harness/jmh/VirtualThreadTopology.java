package dev.poolbench.harness.jmh;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Topology} on virtual threads, the JEP 444 way: a new virtual thread per item, and
 * semaphores instead of a pool — one of {@value Topology#CAPACITY} permits that bounds the items
 * in flight (the producer takes one per item, the item's thread gives it back at the end), and
 * one of a single permit per consumer, which the item's thread holds while it does that
 * consumer's work. A pipeline item's thread passes through the three consumers in turn.
 * <pre>
 *  unicast     P1 ─acquire, start─► vthread: [C1 permit: add] ─release
 *  pipeline3   P1 ─acquire, start─► vthread: [C1: add] ─► [C2: add] ─► [C3: add] ─release
 *  sequencer3  P1,P2,P3 ─acquire, start─► vthread: [C1 permit: add] ─release
 * </pre>
 */
final class VirtualThreadTopology extends BatchTopology {

    private final Semaphore inFlight = new Semaphore(Topology.CAPACITY);
    private final Semaphore[] consumerPermits;
    private final ThreadFactory threads;

    /** @param threads unnamed ({@code virtual}), or named as the contract names every thread ({@code virtualNamed}) */
    VirtualThreadTopology(Topology topology, int batch, ThreadFactory threads) {
        super(topology, batch, RingTopology.consumerNames(topology));
        this.threads = threads;
        consumerPermits = new Semaphore[topology.stages()];
        for (int k = 0; k < consumerPermits.length; k++) {
            consumerPermits[k] = new Semaphore(1);
        }
        startProducers();
    }

    @Override
    void publish(int producer, long from, long to) throws InterruptedException {
        for (long v = from; v < to; v++) {
            long value = v;
            inFlight.acquire();
            threads.newThread(() -> run(value)).start();
        }
    }

    private void run(long value) {
        try {
            for (int k = 0; k < consumerPermits.length; k++) {
                consumerPermits[k].acquire();
                try {
                    tallies.get(k).add(value);
                } finally {
                    consumerPermits[k].release();
                }
            }
        } catch (Throwable t) {
            end.fail(t);
        } finally {
            inFlight.release();
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        // every permit back: every item's thread has finished
        if (!inFlight.tryAcquire(Topology.CAPACITY, 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("virtual threads did not finish in 10 s");
        }
        inFlight.release(Topology.CAPACITY);
    }
}
