package dev.poolbench.engine.virtual;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.SplitSemaphore;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The merge every pattern ends in (the seed's {@code fanIn}): the virtual threads that finish
 * items forward their outputs into it, and one {@link ReentrantLock} serialises every sink call
 * (happens-before between calls; a {@code java.util.concurrent} lock, so a virtual thread
 * waiting for it unmounts). Under ORDERED it is also the reorder buffer: outputs wait here until
 * every earlier sequence number has passed, and each passing number returns one permit to the
 * admission window. With a combiner each lane folds into its own partial under its own lock, and
 * the aggregate goes to the sink once, at termination.
 */
final class FanIn {
    private static final Object GAP = new Object();

    private final VirtualInstance<?> owner;
    private final OutcomeCounters counters;
    @SuppressWarnings("rawtypes")
    private final Sink sink;
    private final ReentrantLock lock = new ReentrantLock();

    @SuppressWarnings("rawtypes")
    private final Combiner combiner;
    private final Object[] partials;
    private final ReentrantLock[] partialLocks;

    private final SplitSemaphore window;
    private final Map<Long, Held> held = new HashMap<>(); // guarded by lock
    private long next; // guarded by lock

    private record Held(Object input, Object value) {
    }

    FanIn(VirtualInstance<?> owner, OutcomeCounters counters, Sink<?> sink, Combiner<?, ?> combiner, int lanes,
          SplitSemaphore window) {
        this.owner = owner;
        this.counters = counters;
        this.sink = sink;
        this.combiner = combiner;
        this.window = window;
        if (combiner != null) {
            partials = new Object[lanes];
            partialLocks = new ReentrantLock[lanes];
            for (int i = 0; i < lanes; i++) {
                partials[i] = combiner.identity();
                partialLocks[i] = new ReentrantLock();
            }
        } else {
            partials = null;
            partialLocks = null;
        }
    }

    boolean combining() {
        return combiner != null;
    }

    /** UNORDERED / KEYED: one output to the sink now. */
    @SuppressWarnings("unchecked")
    void deliver(Item t, Object value) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            t.settled = true;
            if (owner.isCancelled()) {
                counters.cancelled();
                return;
            }
            try {
                sink.onOutput(value);
                counters.outputBySoleWriter(); // every uncombined output is counted under the one lock
            } catch (Throwable x) {
                sinkFailed(t.input, x);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A failed item under CONTINUE (already counted failed). */
    @SuppressWarnings("unchecked")
    void failure(Failure failure) {
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            return; // our cancel: nothing more reaches the sink
        }
        try {
            if (!owner.isCancelled()) {
                sink.onFailure(failure);
            }
        } catch (Throwable x) {
            owner.fatal(new Failure(failure.input(), "sink", x));
        } finally {
            lock.unlock();
        }
    }

    /**
     * ORDERED: item {@code seq} is complete with {@code value}, or with none ({@code value} null:
     * filtered, failed or cancelled). Emits every output now contiguous, in sequence order.
     */
    void complete(long seq, Object input, Object value) {
        lock.lock();
        try {
            if (seq != next) {
                held.put(seq, value == null ? new Held(null, GAP) : new Held(input, value));
                return;
            }
            Held current = value == null ? new Held(null, GAP) : new Held(input, value);
            int passed = 0;
            while (current != null) {
                next++;
                passed++;
                if (current.value != GAP) {
                    emitOrdered(current);
                }
                current = held.remove(next);
            }
            window.release(passed);
        } finally {
            lock.unlock();
        }
    }

    @SuppressWarnings("unchecked")
    private void emitOrdered(Held h) {
        if (owner.isCancelled()) {
            counters.cancelled();
            return;
        }
        try {
            sink.onOutput(h.value);
            counters.outputBySoleWriter(); // every uncombined output is counted under the one lock
        } catch (Throwable x) {
            sinkFailed(h.input, x);
        }
    }

    private void sinkFailed(Object input, Throwable x) {
        if (owner.isCancelled() && (x instanceof InterruptedException || x instanceof CancellationException)) {
            counters.cancelled();
        } else {
            counters.failed();
            owner.fatal(new Failure(input, "sink", x));
        }
    }

    /** With a combiner: folds {@code value} into the lane's partial. */
    @SuppressWarnings("unchecked")
    void accumulate(Item t, Object value) {
        int lane = t.lane.index;
        ReentrantLock l = partialLocks[lane];
        l.lock();
        try {
            t.settled = true;
            if (owner.isCancelled()) {
                counters.cancelled();
                return;
            }
            partials[lane] = combiner.accumulate(partials[lane], value);
            counters.output();
        } catch (Throwable x) {
            counters.failed();
            owner.fatal(new Failure(t.input, "combiner", x));
        } finally {
            l.unlock();
        }
    }

    /** At termination of an instance that neither failed nor was cancelled: the one aggregate. */
    @SuppressWarnings("unchecked")
    void emitAggregate() {
        Object aggregate;
        try {
            aggregate = partials[0];
            for (int i = 1; i < partials.length; i++) {
                aggregate = combiner.combine(aggregate, partials[i]);
            }
        } catch (Throwable x) {
            owner.fatal(new Failure(null, "combiner", x));
            return;
        }
        lock.lock();
        try {
            sink.onOutput(aggregate);
        } catch (Throwable x) {
            if (!(owner.isCancelled() && (x instanceof InterruptedException
                    || x instanceof java.util.concurrent.CancellationException))) {
                owner.fatal(new Failure(null, "sink", x)); // an interrupt of our cancel is no failure
            }
        } finally {
            lock.unlock();
        }
    }
}
