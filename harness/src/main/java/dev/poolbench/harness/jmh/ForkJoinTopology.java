package dev.poolbench.harness.jmh;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Topology} on one {@link ForkJoinPool} of one worker per consumer, in async (FIFO)
 * mode, each consumer a {@link ForkJoinMailbox} drained by one task at a time — the way actor
 * runtimes run single consumers on a fork/join pool (a task per burst of items, not per item).
 * Consumer k's drain does its work, then offers the item to consumer k+1's mailbox. Fork/join and
 * the mailboxes are unbounded, so a {@link Semaphore} of {@value Topology#CAPACITY} permits bounds
 * the items in flight: the producer takes one per item, the last consumer gives it back.
 * <pre>
 *  unicast     P1 ─acquire, offer─► [mailbox C1 ─release]            FJP(1)
 *  pipeline3   P1 ─► [mailbox C1] ─► [mailbox C2] ─► [mailbox C3 ─release]   FJP(3)
 *  sequencer3  P1,P2,P3 ─acquire, offer─► [mailbox C1 ─release]      FJP(1)
 * </pre>
 * <p><b>Staged</b> ({@code forkjoinStaged}): the bound the contract puts on every stage instead
 * of one for the whole topology — a {@link Semaphore} of {@value Topology#CAPACITY} permits per
 * consumer, taken before an item enters it and given back once it entered the next (consumer k
 * takes k+1's, then gives its own back), as a pipeline of buffered stages must. One stage
 * (unicast, sequencer3): the same as the plain form.
 */
final class ForkJoinTopology extends BatchTopology {

    private final ForkJoinPool pool;
    private final ForkJoinMailbox<Long>[] consumers;
    private final Long[] boxed;
    /** Per consumer, its room; plain form: one shared by all (the whole topology's bound). */
    private final Semaphore[] room;

    @SuppressWarnings("unchecked")
    /** @param staged a bound per consumer, as the contract's stages have; else one for the topology */
    ForkJoinTopology(Topology topology, int batch, boolean staged) {
        super(topology, batch, RingTopology.consumerNames(topology));
        room = new Semaphore[topology.stages()];
        for (int k = 0; k < room.length; k++) {
            room[k] = staged || k == 0 ? new Semaphore(Topology.CAPACITY) : room[0];
        }
        boxed = BoxedValues.of(batch);
        pool = new ForkJoinPool(topology.stages(), ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                (thread, error) -> end.fail(error), true);
        consumers = new ForkJoinMailbox[topology.stages()];
        for (int k = 0; k < consumers.length; k++) {
            int stage = k;
            consumers[k] = new ForkJoinMailbox<>(pool, 1, v -> consume(stage, v));
        }
        startProducers();
    }

    @Override
    void publish(int producer, long from, long to) throws InterruptedException {
        ForkJoinMailbox<Long> first = consumers[0];
        Long[] values = boxed;
        for (long v = from; v < to; v++) {
            room[0].acquire();
            first.offer(values[(int) v]);
        }
    }

    private void consume(int k, Long value) {
        try {
            tallies.get(k).add(value);
            if (k + 1 < consumers.length) {
                if (room[k + 1] != room[k]) {
                    room[k + 1].acquire(); // this consumer's worker waits; the pool has one per consumer
                    room[k].release();
                }
                consumers[k + 1].offer(value);
            } else {
                room[k].release();
            }
        } catch (Throwable t) {
            end.fail(t);
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        // every permit back: every item passed the last consumer
        for (Semaphore r : room) {
            if (!r.tryAcquire(Topology.CAPACITY, 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("fork/join consumers did not finish in 10 s");
            }
            r.release(Topology.CAPACITY);
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fork/join pool did not terminate in 10 s");
        }
    }
}
