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

    /**
     * A test seam (package-private, set only through {@code ForkJoinEngine}'s package-private
     * constructor): called in engine code, outside any user-code catch, with each stage output
     * before it is handed on to the next stage or delivered.
     */
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
        enter(it.node.mailboxFor(it.key), it);
    }

    /**
     * Puts a bare input, holding a slot of {@code first}, into the first stage's mailbox: without
     * ORDERED or KEYED an item needs no sequence number nor key, and until it leaves its first stage
     * its input is its value and the mailbox knows its node, so it needs no {@link Item} — one
     * allocation less per item where the submitter pays it.
     */
    void enterBare(StageNode first, Object input) {
        enter(first.mailboxFor(null), input);
    }

    private void enter(Mailbox box, Object entry) {
        box.queue.offer(entry);
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
        for (Object x = box.queue.poll(); x != null; x = box.queue.poll()) {
            in.ended(x, Outcome.CANCELLED, false);
        }
    }

    /** Runs the items of one mailbox on one pool thread until it is empty. */
    private final class Drain extends RecursiveAction {
        private final Mailbox box;
        /** The item (an {@link Item} or a bare input) this drain holds and has not yet ended or handed on. */
        private Object held;

        Drain(Mailbox box) {
            this.box = box;
        }

        @Override
        protected void compute() {
            try {
                do {
                    for (Object x = box.queue.poll(); x != null; x = box.queue.poll()) {
                        held = x;
                        runOne(x);
                    }
                } while (box.leaveOrContinue());
            } catch (Throwable t) {
                engineFailed(t);
            }
        }

        /** A Throwable escaped engine code: fail the instance (an Error wins) and count the item in hand. */
        private void engineFailed(Throwable t) {
            Object x = held;
            held = null;
            in.fatal(new Failure(x instanceof Item i ? i.input : x, "forkjoin engine", t));
            if (x != null) {
                in.ended(x, Outcome.FAILED, true);
            }
        }

        private void end(Object x, Outcome outcome) {
            held = null;
            in.ended(x, outcome, true);
        }

        /** Runs one entry of the mailbox: an {@link Item}, or a bare input in its first stage. */
        private void runOne(Object x) {
            Item it = x instanceof Item i ? i : null;
            StageNode n = it != null ? it.node : box.node;
            Object input = it != null ? it.input : x;
            if (in.cancelled) {
                end(x, Outcome.CANCELLED);
                n.release();
                return;
            }
            Object out;
            try {
                Object value = it != null ? it.value : x;
                out = n.blocking ? BlockingCall.apply(n.function, value, n.context) : n.function.apply(value, n.context);
            } catch (Throwable t) {
                end(x, delivery.stageFailed(input, n.name, t)); // counted before the slot frees: the bound holds
                n.release();
                return;
            }
            if (out == null) {
                end(x, Outcome.FILTERED);
                n.release();
                return;
            }
            probe.beforeHandOn(out);
            if (n.next != null) {
                if (it == null) {
                    it = new Item(input, null, -1, n);
                    held = it;
                }
                it.value = out;
                handOn(n, it);
            } else if (delivery.order != null) { // ORDERED entries are always Items
                it.value = out;
                // held back outputs stay within the bound through the window, not through the slot
                held = null;
                n.release();
                if (!delivery.order.complete(it.seq, it, deliverOrdered)) {
                    in.ended(it, Outcome.CANCELLED, false);
                }
            } else {
                // a KEYED partition delivers while it holds the item, so equal keys reach the sink in order
                end(x, delivery.output(n, input, out));
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
