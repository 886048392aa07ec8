package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Failure;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Running items: an item that enters a stage goes into its {@link Mailbox}, and if the stage has
 * fewer than its parallelism of drains one is started — forked onto the current worker's deque
 * when a pool worker hands on (work-stealing decides who runs it), executed from outside
 * otherwise. A drain runs the stage on each item, then hands it on: it takes the next stage's
 * slot (waiting under {@code managedBlock} while that stage is full), puts the item in the next
 * mailbox and only then gives its own slot back, so an item always holds a slot and the bound holds.
 *
 * <p>Every item ends exactly once, counted by whoever holds it last. A drain's outermost frame
 * catches every Throwable (a fork-join task would swallow it in its unjoined result): the
 * instance fails fatally and the item in hand is counted, so {@code close()} still terminates.
 */
final class Scheduling {

    /** A test seam: called in engine code, outside any user-code catch, before an item is handed on. */
    @FunctionalInterface
    interface HandOnProbe {
        HandOnProbe NONE = value -> { };

        void beforeHandOn(Object value);
    }

    private final ForkJoinInstance<?> in;
    private final ForkJoinPool pool;
    private final Delivery delivery;
    private final HandOnProbe probe;
    private final Consumer<Item> deliverOrdered;

    Scheduling(ForkJoinInstance<?> in, ForkJoinPool pool, Delivery delivery, HandOnProbe probe) {
        this.in = in;
        this.pool = pool;
        this.delivery = delivery;
        this.probe = probe;
        this.deliverOrdered = delivery::deliverOrdered;
    }

    /** Puts an item that holds a slot of {@code it.node} into its mailbox and makes sure a drain will run it. */
    void enter(Item it) {
        Mailbox box = it.node.mailboxFor(it.key);
        box.queue.offer(it);
        if (in.cancelled) {
            sweep(box); // the cancel may have swept this mailbox before the offer: nothing may stay behind
            return;
        }
        if (box.tryStartDrain()) {
            Drain d = new Drain(box);
            try {
                if (ForkJoinTask.getPool() == pool) {
                    d.fork();
                } else {
                    pool.execute(d);
                }
            } catch (RejectedExecutionException e) { // only once cancelled: the pool is shut down
                box.abandonDrain();
                sweep(box);
            }
        }
    }

    /** Counts every item left in {@code box} cancelled (after a cancel). */
    void sweep(Mailbox box) {
        for (Item it = box.queue.poll(); it != null; it = box.queue.poll()) {
            in.ended(it, Outcome.CANCELLED, false);
        }
    }

    /** Runs the items of one mailbox on one pool thread until it is empty. */
    private final class Drain extends RecursiveAction {
        private final Mailbox box;
        /** The item this drain holds and has not yet ended or handed on. */
        private Item held;

        Drain(Mailbox box) {
            this.box = box;
        }

        @Override
        protected void compute() {
            try {
                do {
                    for (Item it = box.queue.poll(); it != null; it = box.queue.poll()) {
                        held = it;
                        runOne(it);
                    }
                } while (box.leaveOrContinue());
            } catch (Throwable t) {
                engineFailed(t);
            }
        }

        /** A Throwable escaped engine code: fail the instance (an Error wins) and count the item in hand. */
        private void engineFailed(Throwable t) {
            Item it = held;
            held = null;
            in.fatal(new Failure(it != null ? it.input : null, "forkjoin engine", t));
            if (it != null) {
                in.ended(it, Outcome.FAILED, true);
            }
        }

        private void end(Item it, Outcome outcome) {
            held = null;
            in.ended(it, outcome, true);
        }

        private void runOne(Item it) {
            StageNode n = it.node;
            if (in.cancelled) {
                end(it, Outcome.CANCELLED);
                n.release();
                return;
            }
            Object out;
            try {
                out = n.blocking ? BlockingCall.apply(n.function, it.value, n.context)
                        : n.function.apply(it.value, n.context);
            } catch (Throwable t) {
                end(it, delivery.stageFailed(it, n.name, t)); // counted before the slot frees: the bound holds
                n.release();
                return;
            }
            if (out == null) {
                end(it, Outcome.FILTERED);
                n.release();
                return;
            }
            it.value = out;
            probe.beforeHandOn(out);
            if (n.next != null) {
                handOn(n, it);
            } else if (delivery.order != null) {
                // held back outputs stay within the bound through the window, not through the slot
                held = null;
                n.release();
                if (!delivery.order.complete(it.seq, it, deliverOrdered)) {
                    in.ended(it, Outcome.CANCELLED, false);
                }
            } else {
                // a KEYED partition delivers while it holds the item, so equal keys reach the sink in order
                end(it, delivery.output(n, it));
                n.release();
            }
        }

        /** Into the next stage once it has a slot; this stage's slot is given back only after. */
        private void handOn(StageNode n, Item it) {
            StageNode next = n.next;
            while (true) {
                try {
                    next.acquire();
                    break;
                } catch (InterruptedException e) {
                    if (in.cancelled) {
                        end(it, Outcome.CANCELLED);
                        n.release();
                        return;
                    } // else an interrupt the stage code left behind: not ours, wait on
                }
            }
            if (in.cancelled) {
                next.release();
                end(it, Outcome.CANCELLED);
                n.release();
                return;
            }
            it.node = next;
            held = null;
            enter(it);
            n.release();
        }
    }
}
