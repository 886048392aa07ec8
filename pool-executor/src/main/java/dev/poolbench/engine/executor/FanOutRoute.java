package dev.poolbench.engine.executor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fan-out/fan-in: n = parallelism lanes, each a single-thread {@link StageExecutor} with its own
 * queue of {@code buffer}. A lane delivers its own outputs through the instance's
 * {@link OutputPort} (the sink under one lock, or the reorderer under ORDERED), as thread-pool
 * code with a shared result does: no future per item (an {@code ExecutorCompletionService} wraps
 * each task in a FutureTask, a QueueingFuture and a queue node: about 2.5× the raw thread pool's
 * cost per item on fanout3), and no fan-in thread either (until 2026-12-01 the lanes put each
 * finished item into a queue that one fan-in thread drained: a second hand-off per item and one
 * more thread than the raw pool; fanout3 went from 1.49× to 1.30× its time, interleaved rounds).
 * The split is unicast: the first lane with room from a round-robin start, or
 * {@code key.hashCode() mod n} under KEYED, whose single-thread lane keeps each key's order up to
 * the sink.
 *
 * <p>With a {@link Combiner} each lane folds its outputs into its own partial, and one aggregator
 * thread, asleep until every lane has terminated, combines the partials and gives the sink the
 * aggregate (an engine thread, never the closer's, and after every lane's last delivery).
 *
 * <p>Each lane has two semaphores: {@code slots} (buffer + 1: queued or running) bounds what the
 * lane holds, released when its task has delivered; {@code waiting} (buffer) mirrors the queue's
 * free space, released when the task starts.
 */
final class FanOutRoute extends Route {

    /** One worker of the fan-out. */
    private static final class Lane {
        final StageExecutor executor;
        final BlockingQueue<Runnable> queue;
        final Semaphore slots;
        final Semaphore waiting;
        /** The combiner's partial: written only by this lane's thread, read by the aggregator after termination. */
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
    /** Counted down by each lane's termination; the aggregator waits for zero. */
    private final CountDownLatch lanesLeft;
    private final AtomicInteger roundRobin = new AtomicInteger();
    /** With a combiner: the thread that delivers the aggregate; else null. */
    private final Thread aggregator;

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
        this.lanesLeft = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            BlockingQueue<Runnable> q = in.settings.queue().create(buffer);
            StageExecutor ex = new StageExecutor(1, q, in.threads, this::laneTerminated);
            lanes[i] = new Lane(ex, q, buffer, combiner == null ? null : combiner.identity());
        }
        if (combiner == null) {
            this.aggregator = null;
        } else {
            this.aggregator = in.threads.newThread(this::aggregate);
            if (aggregator == null) {
                throw new IllegalStateException("the thread factory returned no thread for the aggregator");
            }
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
     * outside the stage's own catch (an OutOfMemoryError, say) fails the instance. The slot is
     * given back once the item has ended here (delivered, folded, filtered, failed or cancelled).
     */
    @Override
    void run(Envelope e) {
        Lane lane = lanes[e.lane];
        lane.waiting.release();
        try {
            process(lane, e);
        } catch (Throwable t) {
            in.engineFailed(e, name, t);
        } finally {
            lane.slots.release();
        }
    }

    private void process(Lane lane, Envelope e) {
        if (e.state == Envelope.GAP) {
            in.port.gap(e);
            return;
        }
        Object out = in.apply(name, fn, ctx, e, in.port);
        if (in.afterLaneStage != null) {
            in.afterLaneStage.accept(e.input);
        }
        if (out == null) {
            return;
        }
        if (combiner != null) {
            fold(lane, e, out); // a folding fan-out ignores ORDERED: no gap to report
        } else {
            in.port.output(e, out);
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

    /** The aggregator thread: once every lane has terminated, the aggregate to the sink (unless cancelled). */
    private void aggregate() {
        try {
            while (true) {
                try {
                    lanesLeft.await();
                    break;
                } catch (InterruptedException ie) {
                    // a cancel: the lanes end promptly, and their partials must not be read before
                }
            }
            if (!in.cancelled) {
                deliverAggregate();
            }
        } catch (Throwable t) {
            in.fatal(new Failure(null, "aggregator", t));
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
        lanesLeft.countDown();
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
        if (aggregator != null && aggregator != Thread.currentThread()) {
            aggregator.interrupt(); // it may be blocked in the sink
        }
    }

    @Override
    void start() {
        if (aggregator != null) {
            aggregator.start();
        }
        if (prestart) {
            for (Lane l : lanes) {
                l.executor.prestartAllCoreThreads();
            }
        }
    }

    @Override
    int parts() {
        return lanes.length + (aggregator == null ? 0 : 1);
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
