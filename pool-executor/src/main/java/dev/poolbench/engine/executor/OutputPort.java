package dev.poolbench.engine.executor;

import dev.poolbench.api.Failure;
import dev.poolbench.api.support.Reorderer;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Where a route hands what its last stage produced: an output, a failure under CONTINUE, or a
 * gap (an item that produced nothing; only ORDERED needs to hear of it). Every implementation
 * keeps the sink from being called concurrently.
 */
interface OutputPort {

    void output(Envelope e, Object value);

    void failure(Envelope e, Failure failure);

    void gap(Envelope e);

    /** UNORDERED and KEYED: the workers of the last stage (or the lanes of a fan-out) take turns under one lock. */
    final class Locked implements OutputPort {
        private final ExecutorInstance<?> in;
        private final ReentrantLock lock = new ReentrantLock();

        Locked(ExecutorInstance<?> in) {
            this.in = in;
        }

        @Override
        public void output(Envelope e, Object value) {
            if (!lockForDelivery()) {
                in.counters.cancelled();
                return;
            }
            try {
                in.deliver(e.input, value);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void failure(Envelope e, Failure failure) {
            if (!lockForDelivery()) {
                return; // counted failed already; a cancel came first
            }
            try {
                in.deliverFailure(failure);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void gap(Envelope e) {
        }

        /** False if a cancel interrupted the wait (the holder may be stuck in the sink). */
        private boolean lockForDelivery() {
            try {
                lock.lockInterruptibly();
                return true;
            } catch (InterruptedException ie) {
                if (in.cancelled) {
                    return false;
                }
                lock.lock(); // not our interrupt: keep it for the caller
                Thread.currentThread().interrupt();
                return true;
            }
        }
    }

    /**
     * ORDERED: every sequence number is reported to pool-api's {@link Reorderer}, which emits
     * outputs and failures in acceptance order under its own lock.
     */
    final class Reordering implements OutputPort {
        private final Reorderer<Envelope> reorderer;

        Reordering(Reorderer<Envelope> reorderer) {
            this.reorderer = reorderer;
        }

        @Override
        public void output(Envelope e, Object value) {
            e.value = value;
            e.state = Envelope.OUTPUT;
            reorderer.complete(e.seq, e);
        }

        @Override
        public void failure(Envelope e, Failure failure) {
            e.failure = failure;
            e.state = Envelope.FAILED;
            reorderer.complete(e.seq, e);
        }

        @Override
        public void gap(Envelope e) {
            reorderer.complete(e.seq, null);
        }
    }
}
