package dev.poolbench.engine.executor;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * Stages in a row (a worker pool is a row of one; each merge input has its own row). Each stage
 * is a {@link LaneSet} behind one semaphore of {@code buffer} permits that the producer of a
 * stage takes before {@code execute} and the consumer gives back when the task starts, so the
 * executors' bounded queues never overflow and nothing is rejected. A worker hands its result
 * to the next stage itself (blocking on that semaphore), and the last stage's worker delivers
 * it through the instance's {@link OutputPort}. On close, each stage is shut down once the one
 * before it has terminated ({@link StageExecutor#terminated()}), so queues drain in order.
 */
final class ChainRoute extends Route {

    /** One stage: its function, gate and executors. */
    private static final class Step {
        final String name;
        final Stage<Object, Object> fn;
        final StageContext ctx;
        final Semaphore waiting;
        final LaneSet lanes;
        final boolean ownsLanes;
        final int buffer;
        final int parallelism;

        Step(ChainRoute route, int index, StageSpec<?, ?> spec, LaneSet shared) {
            ExecutorInstance<?> in = route.in;
            this.name = spec.name();
            this.fn = spec.untyped();
            this.ctx = in.contextFor(name);
            this.buffer = spec.buffer();
            this.parallelism = spec.parallelism();
            this.waiting = new Semaphore(buffer);
            this.ownsLanes = shared == null;
            if (shared != null) {
                this.lanes = shared;
            } else {
                boolean keyed = in.keyed != null;
                this.lanes = new LaneSet(in, keyed ? parallelism : 1, keyed ? 1 : parallelism, buffer,
                        in.settings.prestart(spec), 1, () -> route.stepTerminated(index));
            }
        }
    }

    private final Step[] steps;

    /**
     * @param sharedFirst the first stage's executors when several routes share them (KEYED
     *                    merge), else null
     */
    ChainRoute(ExecutorInstance<?> in, List<StageSpec<?, ?>> stages, LaneSet sharedFirst) {
        super(in);
        Step[] s = new Step[stages.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Step(this, i, stages.get(i), i == 0 ? sharedFirst : null);
        }
        this.steps = s;
    }

    @Override
    int reserve(int keyHash, boolean forever, long due) throws InterruptedException {
        Step first = steps[0];
        return acquire(first.waiting, forever, due) ? first.lanes.laneOf(keyHash) : -1;
    }

    @Override
    boolean dispatch(Envelope e) {
        try {
            steps[0].lanes.lanes[e.lane].execute(e);
            return true;
        } catch (RejectedExecutionException rejected) {
            return false;
        }
    }

    /**
     * On an executor thread: the outermost frame of a stage task. A Throwable from engine code
     * outside the stage's own catch fails the instance (its cancel frees every gate) instead of
     * silently killing the worker with the item in flight.
     */
    @Override
    void run(Envelope e) {
        Step step = steps[e.stage];
        step.waiting.release();
        try {
            process(step, e);
        } catch (Throwable t) {
            in.engineFailed(e, step.name, t);
        }
    }

    private void process(Step step, Envelope e) {
        if (e.state == Envelope.GAP) {
            in.port.gap(e);
            return;
        }
        Object out = in.apply(step.name, step.fn, step.ctx, e, in.port);
        if (out == null) {
            return;
        }
        if (e.stage == steps.length - 1) {
            in.port.output(e, out);
            return;
        }
        e.value = out;
        e.stage++;
        handOff(e);
    }

    /** Puts the item in front of the next stage, blocking while that stage's buffer is full. */
    private void handOff(Envelope e) {
        Step next = steps[e.stage];
        try {
            next.waiting.acquire();
        } catch (InterruptedException ie) {
            in.lostInHandOff(e, next.name, ie);
            return;
        }
        if (in.cancelled) {
            in.counters.cancelled();
            return;
        }
        try {
            LaneSet set = next.lanes;
            set.lanes[set.laneOf(e.keyHash)].execute(e);
        } catch (RejectedExecutionException rejected) {
            in.lostInHandOff(e, next.name, rejected);
        }
    }

    private void stepTerminated(int index) {
        if (index + 1 < steps.length) {
            steps[index + 1].lanes.ownerEnded();
        }
    }

    @Override
    void inputEnded() {
        steps[0].lanes.ownerEnded();
    }

    @Override
    void cancelNow() {
        for (Step s : steps) {
            s.waiting.release(FLOOD);
        }
        for (Step s : steps) {
            s.lanes.shutdownNow(); // queued tasks are dropped (counted cancelled at termination)
        }
    }

    @Override
    void start() {
        for (Step s : steps) {
            s.lanes.start();
        }
    }

    @Override
    int parts() {
        int n = 0;
        for (Step s : steps) {
            n += s.ownsLanes ? s.lanes.parts() : 0;
        }
        return n;
    }

    @Override
    long capacity() {
        long c = 0;
        for (Step s : steps) {
            c += (long) s.buffer + s.parallelism;
        }
        return c;
    }

    @Override
    List<Integer> effectiveBuffers() {
        List<Integer> b = new ArrayList<>();
        for (Step s : steps) {
            b.add(s.buffer);
        }
        return b;
    }

    @Override
    List<BlockingQueue<Runnable>> queues() {
        List<BlockingQueue<Runnable>> qs = new ArrayList<>();
        for (Step s : steps) {
            if (s.ownsLanes) {
                qs.addAll(s.lanes.queues);
            }
        }
        return qs;
    }
}
