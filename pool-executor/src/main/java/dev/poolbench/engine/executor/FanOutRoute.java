package dev.poolbench.engine.executor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out/fan-in: n = parallelism lanes, each a single-thread {@link StageExecutor} with its own
 * queue of {@code buffer}; a lane task ends by putting its envelope (the task itself) into one
 * bounded fan-in queue, and one fan-in thread takes the finished items from it and delivers them
 * (in acceptance order under ORDERED), so the sink needs no lock. No future per item: an
 * {@code ExecutorCompletionService} would wrap each task in a FutureTask and a QueueingFuture and
 * a queue node, which measured at about 2.5× the raw thread pool's cost per item on fanout3.
 * The fan-in queue never fills: every envelope in it holds one of the lanes' n × (buffer + 1)
 * slots, which only the fan-in gives back. The split is unicast: the
 * first lane with room from a round-robin start, or {@code key.hashCode() mod n} under KEYED.
 * With a {@link Combiner} each lane folds its outputs into its own partial and the fan-in
 * combines the partials once every lane has terminated.
 *
 * <p>Each lane has two semaphores: {@code slots} (buffer + 1: queued, running, or finished but
 * not yet taken by the fan-in) bounds what the lane holds, released by the fan-in;
 * {@code waiting} (buffer) mirrors the queue's free space, released when the task starts.
 */
final class FanOutRoute extends Route {
    /** Put by the last lane to terminate: the fan-in has seen everything. */
    private static final Envelope END = new Envelope(null, null, -1, 0, -1);

    /** One worker of the fan-out. */
    private static final class Lane {
        final StageExecutor executor;
        final BlockingQueue<Runnable> queue;
        final Semaphore slots;
        final Semaphore waiting;
        /** The combiner's partial: written only by this lane's thread, read by the fan-in after termination. */
        Object partial;

        Lane(StageExecutor executor, BlockingQueue<Runnable> queue, int buffer, Object identity) {
            this.executor = executor;
            this.queue = queue;
            this.slots = new Semaphore(buffer + 1);
            this.waiting = new Semaphore(buffer);
            this.partial = identity;
        }
    }

    private final String name;
    private final Stage<Object, Object> fn;
    private final StageContext ctx;
    private final int buffer;
    private final boolean prestart;
    private final Combiner<Object, Object> combiner;
    private final Lane[] lanes;
    /** Finished envelopes for the fan-in: at most every lane slot's, plus {@link #END}. */
    private final BlockingQueue<Envelope> completions;
    private final AtomicInteger lanesLeft;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final OutputPort recorder = new OutputPort.Recording();
    private final Thread fanIn;

    @SuppressWarnings("unchecked")
    FanOutRoute(ExecutorInstance<?> in, StageSpec<?, ?> spec, Combiner<?, ?> combiner) {
        super(in);
        this.name = spec.name();
        this.fn = spec.untyped();
        this.ctx = in.contextFor(name);
        this.buffer = spec.buffer();
        this.prestart = in.settings.prestart(spec);
        this.combiner = (Combiner<Object, Object>) combiner;
        int n = spec.parallelism();
        this.lanes = new Lane[n];
        this.lanesLeft = new AtomicInteger(n);
        this.completions = new ArrayBlockingQueue<>(Math.toIntExact(n * (buffer + 1L) + 1));
        for (int i = 0; i < n; i++) {
            BlockingQueue<Runnable> q = in.settings.queue().create(buffer);
            StageExecutor ex = new StageExecutor(1, q, in.threads, this::laneTerminated);
            lanes[i] = new Lane(ex, q, buffer, combiner == null ? null : combiner.identity());
        }
        this.fanIn = in.threads.newThread(this::fanInLoop);
        if (fanIn == null) {
            throw new IllegalStateException("the thread factory returned no thread for the fan-in");
        }
    }

    @Override
    int reserve(int keyHash, boolean forever, long due) throws InterruptedException {
        int n = lanes.length;
        int index = -1;
        if (in.keyed != null) {
            index = Math.floorMod(keyHash, n);
            if (!acquire(lanes[index].slots, forever, due)) {
                return -1;
            }
        } else {
            int start = Math.floorMod(roundRobin.getAndIncrement(), n);
            for (int i = 0; i < n && index < 0; i++) {
                int j = start + i < n ? start + i : start + i - n;
                if (lanes[j].slots.tryAcquire()) {
                    index = j;
                }
            }
            if (index < 0) {
                index = start;
                if (!acquire(lanes[index].slots, forever, due)) {
                    return -1;
                }
            }
        }
        Lane lane = lanes[index];
        boolean room;
        try {
            room = acquire(lane.waiting, forever, due);
        } catch (InterruptedException e) {
            lane.slots.release();
            throw e;
        }
        if (!room) {
            lane.slots.release();
            return -1;
        }
        return index;
    }

    @Override
    boolean dispatch(Envelope e) {
        try {
            lanes[e.lane].executor.execute(e);
            return true;
        } catch (RejectedExecutionException rejected) {
            return false;
        }
    }

    /**
     * On the lane's thread: the outermost frame of a lane task. A Throwable from engine code
     * outside the stage's own catch (an OutOfMemoryError, say) fails the instance; the envelope
     * still reaches the fan-in, which gives the lane's slot back. The item is not counted here:
     * it stays in flight and is counted cancelled at termination, unless it was counted already.
     */
    @Override
    void run(Envelope e) {
        Lane lane = lanes[e.lane];
        lane.waiting.release();
        try {
            process(lane, e);
        } catch (Throwable t) {
            e.state = Envelope.ENDED;
            in.engineFailed(e, name, t);
        }
        completions.add(e); // never full: e holds one of the slots the queue is sized for
    }

    private void process(Lane lane, Envelope e) {
        if (e.state == Envelope.GAP) {
            return; // the fan-in reports it
        }
        e.state = Envelope.ENDED;
        Object out = in.apply(name, fn, ctx, e, recorder);
        if (in.afterLaneStage != null) {
            in.afterLaneStage.accept(e.input);
        }
        if (out == null) {
            return;
        }
        if (combiner != null) {
            fold(lane, e, out);
        } else {
            recorder.output(e, out);
        }
    }

    private void fold(Lane lane, Envelope e, Object out) {
        if (in.cancelled) {
            in.counters.cancelled();
            return;
        }
        try {
            lane.partial = combiner.accumulate(lane.partial, out);
            in.counters.output();
        } catch (Throwable t) {
            if (in.cancelled && ExecutorInstance.isInterruption(t)) {
                in.counters.cancelled();
            } else {
                in.counters.failed();
                in.fatal(new Failure(e.input, "combiner", t));
            }
        }
    }

    /** The fan-in thread: delivers finished items until every lane has terminated. */
    private void fanInLoop() {
        try {
            while (true) {
                Envelope e;
                try {
                    e = completions.take();
                } catch (InterruptedException ie) {
                    continue; // a cancel: keep draining until the lanes are done
                }
                if (e == END) {
                    break;
                }
                switch (e.state) {
                    case Envelope.OUTPUT -> in.port.output(e, e.value);
                    case Envelope.FAILED -> in.port.failure(e, e.failure);
                    case Envelope.GAP -> in.port.gap(e);
                    default -> {
                    }
                }
                lanes[e.lane].slots.release(); // only now has the item ended: it counted against the lane until here
            }
            if (combiner != null && !in.cancelled) {
                deliverAggregate();
            }
        } catch (Throwable t) {
            in.fatal(new Failure(null, "fan-in", t)); // engine code failed: the cancel frees every lane slot
        } finally {
            Thread.interrupted();
            in.partDone();
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverAggregate() {
        try {
            Object aggregate = lanes[0].partial;
            for (int i = 1; i < lanes.length; i++) {
                aggregate = combiner.combine(aggregate, lanes[i].partial);
            }
            in.sink.onOutput(aggregate);
        } catch (Throwable t) {
            if (!(in.cancelled && ExecutorInstance.isInterruption(t))) {
                in.fatal(new Failure(null, "sink", t)); // an interrupt of our cancel is no failure
            }
        }
    }

    private void laneTerminated() {
        if (lanesLeft.decrementAndGet() == 0) {
            completions.add(END);
        }
        in.partDone();
    }

    @Override
    void inputEnded() {
        for (Lane l : lanes) {
            l.executor.shutdown();
        }
    }

    @Override
    void cancelNow() {
        for (Lane l : lanes) {
            l.slots.release(FLOOD);
            l.waiting.release(FLOOD);
        }
        for (Lane l : lanes) {
            l.executor.shutdownNow();
        }
        if (fanIn != Thread.currentThread()) {
            fanIn.interrupt(); // it may be blocked in the sink
        }
    }

    @Override
    void start() {
        fanIn.start();
        if (prestart) {
            for (Lane l : lanes) {
                l.executor.prestartAllCoreThreads();
            }
        }
    }

    @Override
    int parts() {
        return lanes.length + 1;
    }

    @Override
    long capacity() {
        return (long) lanes.length * (buffer + 1);
    }

    @Override
    List<Integer> effectiveBuffers() {
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < lanes.length; i++) {
            b.add(buffer);
        }
        return b;
    }

    @Override
    List<BlockingQueue<Runnable>> queues() {
        List<BlockingQueue<Runnable>> qs = new ArrayList<>();
        for (Lane l : lanes) {
            qs.add(l.queue);
        }
        return qs;
    }
}
