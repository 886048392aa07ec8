package dev.poolbench.harness.jmh;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.poolbench.api.support.SubmitWindow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code disruptor} engine: bare Disruptor 4 rings of pre-allocated slots, every
 * ring single-producer (the benchmark thread is the one publisher of each), with handlers wired
 * the way the Disruptor's own perf tests wire these shapes. Pipeline: one ring of Σ buffers
 * (rounded up to a power of two) and three handlers in a chain ({@code handleEventsWith(s1)
 * .then(s2).then(s3)}), the last one delivering. Pool and fan-out: one ring, one handler per
 * worker taking the sequences {@code seq % workers == i} (Disruptor 4 dropped the work pool), then
 * one fan-in handler delivering. Merge: a ring per input of one buffer each, with its worker's
 * handler delivering under the sink lock — three independent inputs, as the pattern has.
 *
 * <p>The producer claims a slot with {@code tryNext()} and yields while the ring is full. With
 * rings this small (64 slots a lane) the ring is full all the time, and {@code next()}'s
 * {@code parkNanos(1)} sleeps for the OS timer slack (about 50 µs on Linux) each time, which
 * made this baseline slower than the engine built on it.
 *
 * <p>{@code sleeping} is the engine's default wait strategy, so it is the baseline for the
 * overhead ratio; {@code yielding} is the spinning strategy of the Disruptor paper's figures.
 *
 * <p><b>Fenced</b> ({@code disruptorFenced}): the same rings under {@code sleeping}, and the
 * producer announces itself around every claim and publish in pool-api's {@link SubmitWindow},
 * the window every engine input enters so that a {@code close} or {@code cancel} from any thread
 * never ends an instance with an item half-way in (SPEC §2; one fenced store per item for a sole
 * producer, see {@link RingTopology}). Nothing closes it here: engine / fenced is the engine's
 * plumbing apart from the contract's own cost on this primitive.
 */
final class RawDisruptor extends RawHandoff {

    /** A ring slot: the parcel it carries. */
    static final class Slot {
        Parcel parcel;
    }

    private final List<Disruptor<Slot>> disruptors = new ArrayList<>();
    private final List<RingBuffer<Slot>> rings = new ArrayList<>();
    /** Fenced: per ring (per input of a merge), the window its producer announces itself in; else null. */
    private final SubmitWindow[] windows;
    private int next;

    /** @param fenced the producer announces itself around every item, as the contract's inputs do */
    RawDisruptor(HandoffPattern pattern, TinyStages stages, BatchSink sink, boolean yielding, boolean fenced) {
        super(pattern, stages, sink);
        switch (pattern) {
            case PIPELINE3 -> ring(HandoffPattern.PIPELINE_STAGES * HandoffPattern.BUFFER, yielding)
                    .handleEventsWith(stepHandler(0)).then(stepHandler(1))
                    .then((slot, seq, end) -> sink.deliver(TinyStages.apply(step(2), slot.parcel)));
            case MERGE3 -> {
                for (int lane = 0; lane < pattern.lanes(); lane++) {
                    ring(HandoffPattern.BUFFER, yielding).handleEventsWith(
                            (slot, seq, end) -> deliverLocked(TinyStages.apply(stages.fused(), slot.parcel)));
                }
            }
            case POOL, FANOUT3 -> {
                int workers = pattern.lanes() * pattern.workersPerLane();
                @SuppressWarnings("unchecked")
                EventHandler<Slot>[] shards = new EventHandler[workers];
                for (int i = 0; i < workers; i++) {
                    int shard = i;
                    shards[i] = (slot, seq, end) -> {
                        if (seq % workers == shard) {
                            slot.parcel = TinyStages.apply(stages.fused(), slot.parcel);
                        }
                    };
                }
                ring(pattern.lanes() * HandoffPattern.BUFFER, yielding).handleEventsWith(shards)
                        .then((slot, seq, end) -> sink.deliver(slot.parcel));
            }
        }
        for (Disruptor<Slot> d : disruptors) {
            rings.add(d.start());
        }
        windows = fenced ? new SubmitWindow[rings.size()] : null;
        for (int i = 0; fenced && i < windows.length; i++) {
            windows[i] = new SubmitWindow(true); // one producer: the benchmark thread
        }
    }

    /** A new single-producer ring of at least {@code slots} slots (a power of two). */
    private Disruptor<Slot> ring(int slots, boolean yielding) {
        int size = Integer.highestOneBit(slots) == slots ? slots : Integer.highestOneBit(slots) << 1;
        Disruptor<Slot> d = new Disruptor<>(Slot::new, size,
                Thread.ofPlatform().daemon().name("raw-disruptor-", 0).factory(), ProducerType.SINGLE,
                yielding ? new YieldingWaitStrategy() : new SleepingWaitStrategy());
        d.setDefaultExceptionHandler(new ExceptionHandler<Slot>() {
            @Override
            public void handleEventException(Throwable ex, long sequence, Slot event) {
                sink.fail(ex);
            }

            @Override
            public void handleOnStartException(Throwable ex) {
                sink.fail(ex);
            }

            @Override
            public void handleOnShutdownException(Throwable ex) {
                sink.fail(ex);
            }
        });
        disruptors.add(d);
        return d;
    }

    private EventHandler<Slot> stepHandler(int k) {
        return (slot, seq, end) -> slot.parcel = TinyStages.apply(step(k), slot.parcel);
    }

    @Override
    void submit(Parcel p) {
        int lane = next;
        next = lane + 1 == rings.size() ? 0 : lane + 1;
        RingBuffer<Slot> ring = rings.get(lane);
        if (windows == null) {
            long seq = claim(ring);
            ring.get(seq).parcel = p;
            ring.publish(seq);
            return;
        }
        SubmitWindow window = windows[lane];
        while (true) {
            window.enter();
            long seq = tryClaim(ring);
            if (seq >= 0) {
                ring.get(seq).parcel = p;
                ring.publish(seq);
            }
            window.exit();
            if (seq >= 0) {
                return;
            }
            Thread.yield(); // full: wait outside the window, as the engine's producer does
        }
    }

    private static long claim(RingBuffer<Slot> ring) {
        while (true) {
            long seq = tryClaim(ring);
            if (seq >= 0) {
                return seq;
            }
            Thread.yield(); // more threads than cores: give the core to a consumer that frees a slot
        }
    }

    /** A free slot's sequence, or -1 while the ring is full. */
    private static long tryClaim(RingBuffer<Slot> ring) {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return -1;
        }
    }

    @Override
    void close() throws Exception {
        for (Disruptor<Slot> d : disruptors) {
            d.shutdown(10, TimeUnit.SECONDS);
        }
    }
}
