package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The output side of an instance: the sink (one caller at a time), failures by error policy, the
 * ORDERED reorder buffer and the combiner's per-lane partials. Each method returns how the item
 * ended; the caller counts it.
 *
 * <p>A pool worker that finds the sink busy waits under {@link ForkJoinPool#managedBlock}, so a
 * slow sink gets the pool a compensating thread instead of stalling every stage behind it. When
 * a single drain at a time is all that can call the sink (one lane whose last stage has
 * parallelism 1, no reordering or combiner, and failures reach the sink only from that stage) no
 * lock is needed: successive drains of one mailbox are ordered by its drain count.
 */
final class Delivery {
    private final ForkJoinInstance<?> in;
    private final Sink<Object> sink;
    private final Combiner<Object, Object> combiner;
    private final ErrorPolicy errors;
    /** ORDERED only (null otherwise). */
    final OrderedRelease order;
    /** Null when one drain at a time is all that ever calls the sink: its calls are then ordered already. */
    private final ReentrantLock sinkLock;

    Delivery(ForkJoinInstance<?> in, Sink<Object> sink, Combiner<Object, Object> combiner, ErrorPolicy errors,
             boolean ordered, boolean soleCaller) {
        this.in = in;
        this.sink = sink;
        this.combiner = combiner;
        this.errors = errors;
        this.order = ordered ? new OrderedRelease() : null;
        this.sinkLock = soleCaller ? null : new ReentrantLock();
    }

    /** How an item whose stage threw {@code t} ends; FAIL_FAST and Errors fail the instance. */
    Outcome stageFailed(Object input, String stage, Throwable t) {
        if (in.cancelled && isInterruption(t)) {
            return Outcome.CANCELLED;
        }
        Failure failure = new Failure(input, stage, t);
        if (t instanceof Error || errors == ErrorPolicy.FAIL_FAST) {
            in.fatal(failure);
            return Outcome.FAILED;
        }
        callSink(input, () -> sink.onFailure(failure));
        return Outcome.FAILED;
    }

    /** The last stage's output: to the sink, or folded into the lane's partial under a combiner. */
    Outcome output(StageNode last, Object input, Object value) {
        return combiner != null ? accumulate(last, input, value) : deliver(input, value);
    }

    private Outcome deliver(Object input, Object value) {
        return callSink(input, () -> sink.onOutput(value));
    }

    /** Delivers an output the reorder buffer released, and counts it. */
    void deliverOrdered(Item it) {
        in.ended(it, deliver(it.input, it.value), false);
    }

    /** Hands the aggregate of the lanes' partials to the sink (fan-in of a combiner, at the end). */
    void deliverAggregate(Object[] partials) {
        Object aggregate;
        try {
            aggregate = new CombineTask(combiner, partials, 0, partials.length).invoke();
        } catch (Throwable t) {
            in.fatal(new Failure(null, "combiner", t));
            return;
        }
        callSink(null, () -> sink.onOutput(aggregate));
    }

    /** Folds the output into the lane's partial; the lane has one slot, so one writer at a time. */
    private Outcome accumulate(StageNode n, Object input, Object value) {
        if (in.cancelled) {
            return Outcome.CANCELLED;
        }
        try {
            n.partial = combiner.accumulate(n.partial, value);
            return Outcome.OUTPUT;
        } catch (Throwable t) {
            in.fatal(new Failure(input, "combiner", t));
            return Outcome.FAILED;
        }
    }

    /** One call into the sink. */
    @FunctionalInterface
    private interface SinkCall {
        void call() throws Exception;
    }

    /**
     * Makes one sink call under the sink lock unless the instance is cancelled. A throwing sink is
     * fatal, and the cancel happens before the lock is released, so no sink call follows a failed one.
     */
    private Outcome callSink(Object input, SinkCall call) {
        try {
            if (sinkLock != null) {
                lockSink();
            }
        } catch (InterruptedException e) {
            if (in.cancelled) {
                return Outcome.CANCELLED;
            }
            in.fatal(new Failure(input, "sink", e));
            return Outcome.FAILED;
        }
        try {
            if (in.cancelled) {
                return Outcome.CANCELLED;
            }
            call.call();
            return Outcome.OUTPUT;
        } catch (Throwable t) {
            if (in.cancelled && isInterruption(t)) {
                return Outcome.CANCELLED;
            }
            in.fatal(new Failure(input, "sink", t));
            return Outcome.FAILED;
        } finally {
            if (sinkLock != null) {
                sinkLock.unlock();
            }
        }
    }

    private void lockSink() throws InterruptedException {
        if (!sinkLock.tryLock()) {
            ManagedWait.take(sinkLock::tryLock, sinkLock::lockInterruptibly);
        }
    }

    static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException;
    }
}
