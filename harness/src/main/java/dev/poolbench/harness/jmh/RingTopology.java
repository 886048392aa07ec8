package dev.poolbench.harness.jmh;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import dev.poolbench.api.support.SubmitWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link Topology} on one LMAX Disruptor ring of {@value Topology#CAPACITY} slots, wired as the
 * Disruptor's own perftests wire it: a single-producer ring ({@code createSingleProducer}) for one
 * publisher, a multi-producer ring for {@code sequencer3}; one {@link BatchEventProcessor} per
 * consumer on its own thread, each waiting on a barrier of the one before it, and the last one
 * gating the ring. Publishing is {@code next(); get(seq).value = v; publish(seq)} per item, as in
 * {@code OneToOneSequencedThroughputTest}.
 * <pre>
 *  unicast     P1 ─► [ring] ◄─ C1                     (C1 gates the ring)
 *  pipeline3   P1 ─► [ring] ◄─ C1 ◄─ C2 ◄─ C3          (each waits for the one before; C3 gates)
 *  sequencer3  P1,P2,P3 ─► [multi-producer ring] ◄─ C1
 * </pre>
 * The wait strategy is the consumers' wait: busy-spin and yielding keep their core, blocking
 * sleeps on a condition and makes every publish signal it.
 *
 * <p><b>Fenced</b> ({@code disruptor…Fenced}): the same ring, and each producer announces itself
 * around every claim and publish as the contract's input must (SPEC §2: a {@code close} or
 * {@code cancel} from any thread must never end an instance while an item is half-way in, so the
 * producer writes "inside" and then reads "closed?"; a Dekker handshake, one fenced store per
 * item): pool-api's {@link SubmitWindow}, the very window the engines' inputs enter (a single
 * producer: a volatile store in, a release store out; several: a locked add in and out on one
 * shared word). Nothing closes it here; the figure is what that fence costs the bare
 * ring, so engine / fenced shows the engine's plumbing apart from the contract's own cost.
 */
final class RingTopology extends BatchTopology {

    /** A ring slot: the perftests' {@code ValueEvent}. */
    static final class Slot {
        long value;
    }

    private final RingBuffer<Slot> ring;
    /** Fenced: the window the producers announce themselves in; else null. */
    private final SubmitWindow inside;
    private final List<BatchEventProcessor<Slot>> processors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    /** @param fenced each producer announces itself around every item, as the contract's input does */
    RingTopology(Topology topology, int batch, Supplier<WaitStrategy> wait, boolean fenced) {
        super(topology, batch, consumerNames(topology));
        inside = fenced ? new SubmitWindow(topology.producers() == 1) : null;
        ring = topology.producers() == 1
                ? RingBuffer.createSingleProducer(Slot::new, Topology.CAPACITY, wait.get())
                : RingBuffer.createMultiProducer(Slot::new, Topology.CAPACITY, wait.get());
        SequenceBarrier barrier = ring.newBarrier();
        for (StageTally tally : tallies) {
            BatchEventProcessor<Slot> p = new BatchEventProcessorBuilder().build(ring, barrier,
                    (slot, sequence, endOfBatch) -> tally.add(slot.value));
            p.setExceptionHandler(new Failures());
            processors.add(p);
            barrier = ring.newBarrier(p.getSequence());
        }
        ring.addGatingSequences(processors.getLast().getSequence());
        for (int i = 0; i < processors.size(); i++) {
            threads.add(Thread.ofPlatform().daemon().name("ring-consumer-" + (i + 1)).start(processors.get(i)));
        }
        startProducers();
    }

    static List<String> consumerNames(Topology topology) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= topology.stages(); i++) {
            names.add("C" + i);
        }
        return names;
    }

    @Override
    void publish(int producer, long from, long to) {
        RingBuffer<Slot> rb = ring;
        if (inside == null) {
            for (long v = from; v < to; v++) {
                long seq = rb.next();
                rb.get(seq).value = v;
                rb.publish(seq);
            }
        } else {
            SubmitWindow window = inside;
            for (long v = from; v < to; v++) {
                window.enter();
                long seq = rb.next();
                rb.get(seq).value = v;
                rb.publish(seq);
                window.exit();
            }
        }
    }

    @Override
    void stopConsumers() throws InterruptedException {
        for (BatchEventProcessor<Slot> p : processors) {
            p.halt();
        }
        for (Thread t : threads) {
            join(t);
        }
    }

    /** A consumer's exception ends the benchmark (the processor would log it and stop otherwise). */
    private final class Failures implements ExceptionHandler<Slot> {
        @Override
        public void handleEventException(Throwable ex, long sequence, Slot event) {
            end.fail(ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            end.fail(ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            end.fail(ex);
        }
    }
}
