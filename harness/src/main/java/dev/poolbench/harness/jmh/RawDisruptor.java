package dev.poolbench.harness.jmh;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;

import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code disruptor} engine: a bare Disruptor 4 ring of pre-allocated slots
 * holding Σ buffers rounded up to a power of two, with handlers wired the way the Disruptor's own
 * perf tests wire these shapes. Pipeline: three handlers in a chain ({@code handleEventsWith(s1)
 * .then(s2).then(s3)}), the last one delivering. Pool, fan-out and merge: one handler per worker,
 * each taking the sequences {@code seq % workers == i} (Disruptor 4 dropped the work pool), then
 * one fan-in handler delivering to the consumer; merge publishes as a multi-producer ring.
 *
 * <p>{@code sleeping} is the engine's default wait strategy, so it is the baseline for the
 * overhead ratio; {@code yielding} is the spinning strategy of the Disruptor paper's figures,
 * kept to see whether this machine reproduces "Disruptor ≫ ArrayBlockingQueue".
 */
final class RawDisruptor extends RawHandoff {

    /** A ring slot: the parcel it carries. */
    static final class Slot {
        Parcel parcel;
    }

    private static final EventTranslatorOneArg<Slot, Parcel> PUT = (slot, sequence, p) -> slot.parcel = p;

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;

    RawDisruptor(HandoffPattern pattern, TinyStages stages, BatchSink sink, boolean yielding) {
        super(pattern, stages, sink);
        boolean pipeline = pattern == HandoffPattern.PIPELINE3;
        int buffers = (pipeline ? HandoffPattern.PIPELINE_STAGES : pattern.lanes()) * HandoffPattern.BUFFER;
        int ringSize = Integer.highestOneBit(buffers) == buffers ? buffers : Integer.highestOneBit(buffers) << 1;
        disruptor = new Disruptor<>(Slot::new, ringSize,
                Thread.ofPlatform().daemon().name("raw-disruptor-", 0).factory(),
                pattern == HandoffPattern.MERGE3 ? ProducerType.MULTI : ProducerType.SINGLE,
                yielding ? new YieldingWaitStrategy() : new SleepingWaitStrategy());
        disruptor.setDefaultExceptionHandler(new ExceptionHandler<Slot>() {
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
        if (pipeline) {
            disruptor.handleEventsWith(stepHandler(0)).then(stepHandler(1)).then(
                    (slot, seq, end) -> sink.deliver(TinyStages.apply(step(2), slot.parcel)));
        } else {
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
            disruptor.handleEventsWith(shards).then((slot, seq, end) -> sink.deliver(slot.parcel));
        }
        ring = disruptor.start();
    }

    private EventHandler<Slot> stepHandler(int k) {
        return (slot, seq, end) -> slot.parcel = TinyStages.apply(step(k), slot.parcel);
    }

    @Override
    void submit(Parcel p) {
        ring.publishEvent(PUT, p);
    }

    @Override
    void close() throws Exception {
        disruptor.shutdown(10, TimeUnit.SECONDS);
    }
}
