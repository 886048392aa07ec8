package dev.poolbench.harness.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Disruptor paper's queue baselines: platform threads joined by one bounded
 * {@link ArrayBlockingQueue} (or {@link LinkedBlockingQueue}) of {@value HandoffPattern#BUFFER}
 * items per arc of the graph. Pipeline: submit → q1 → stage 1 → q2 → stage 2 → q3 → stage 3,
 * which delivers. Pool, fan-out, merge: one queue per lane read by that lane's workers, whose
 * results travel one more arc (a queue) to a consumer thread that delivers. Not an engine's
 * baseline: it shows what the Disruptor ring is measured against in the paper.
 */
final class RawQueuePerArc extends RawHandoff {

    /** Tells a thread to stop (and pass the stop on, in the pipeline). */
    private static final Parcel STOP = new Parcel(null);

    private final List<BlockingQueue<Parcel>> queues = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private final BlockingQueue<Parcel> toConsumer;
    private final Thread consumer;
    private int next;

    RawQueuePerArc(HandoffPattern pattern, TinyStages stages, BatchSink sink, boolean linked) {
        super(pattern, stages, sink);
        boolean pipeline = pattern == HandoffPattern.PIPELINE3;
        int n = pipeline ? HandoffPattern.PIPELINE_STAGES : pattern.lanes();
        for (int i = 0; i < n; i++) {
            queues.add(newQueue(linked));
        }
        String name = linked ? "raw-lbq-" : "raw-abq-";
        if (pipeline) {
            toConsumer = null;
            consumer = null;
            for (int k = 0; k < n; k++) {
                int stage = k;
                workers.add(Thread.ofPlatform().daemon().name(name + k).start(() -> runStage(stage)));
            }
        } else {
            toConsumer = newQueue(linked);
            for (int lane = 0; lane < n; lane++) {
                BlockingQueue<Parcel> in = queues.get(lane);
                for (int w = 0; w < pattern.workersPerLane(); w++) {
                    workers.add(Thread.ofPlatform().daemon().name(name + lane + "-" + w).start(() -> runWorker(in)));
                }
            }
            consumer = Thread.ofPlatform().daemon().name(name + "consumer").start(this::runConsumer);
        }
    }

    private static BlockingQueue<Parcel> newQueue(boolean linked) {
        return linked ? new LinkedBlockingQueue<>(HandoffPattern.BUFFER) : new ArrayBlockingQueue<>(HandoffPattern.BUFFER);
    }

    private void runStage(int k) {
        BlockingQueue<Parcel> in = queues.get(k);
        BlockingQueue<Parcel> out = k + 1 < queues.size() ? queues.get(k + 1) : null;
        try {
            for (Parcel p = in.take(); p != STOP; p = in.take()) {
                Parcel r = TinyStages.apply(step(k), p);
                if (out == null) {
                    sink.deliver(r);
                } else {
                    out.put(r);
                }
            }
            if (out != null) {
                out.put(STOP);
            }
        } catch (Throwable t) {
            sink.fail(t);
        }
    }

    private void runWorker(BlockingQueue<Parcel> in) {
        try {
            for (Parcel p = in.take(); p != STOP; p = in.take()) {
                toConsumer.put(TinyStages.apply(stages.fused(), p));
            }
        } catch (Throwable t) {
            sink.fail(t);
        }
    }

    private void runConsumer() {
        try {
            for (Parcel p = toConsumer.take(); p != STOP; p = toConsumer.take()) {
                sink.deliver(p);
            }
        } catch (Throwable t) {
            sink.fail(t);
        }
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        int lane = next;
        if (pattern != HandoffPattern.PIPELINE3) {
            next = lane + 1 == queues.size() ? 0 : lane + 1;
        }
        queues.get(lane).put(p);
    }

    @Override
    void close() throws InterruptedException {
        if (consumer == null) {
            queues.get(0).put(STOP);
        } else {
            for (BlockingQueue<Parcel> q : queues) {
                for (int w = 0; w < pattern.workersPerLane(); w++) {
                    q.put(STOP);
                }
            }
        }
        for (Thread t : workers) {
            join(t);
        }
        if (consumer != null) {
            toConsumer.put(STOP);
            join(consumer);
        }
    }

    private static void join(Thread t) throws InterruptedException {
        if (!t.join(java.time.Duration.ofSeconds(10))) {
            throw new IllegalStateException(t.getName() + " did not stop in 10 s");
        }
    }
}
