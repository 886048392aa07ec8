package dev.poolbench.engine.virtual;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.support.OutcomeCounters;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How an instance moves accepted items (one subclass per {@link VirtualMode}), and the per-item
 * steps both modes share: running a stage, counting its outcome, forwarding into the
 * {@link FanIn}, freeing an item's KEYED successors when it ends.
 */
abstract class Runner {
    final VirtualInstance<?> owner;
    final OutcomeCounters counters;
    final FanIn fanIn;
    private final ErrorPolicy errors;
    final boolean ordered;
    final boolean keyed;
    /** KEYED: the last accepted item of each key still going (the tail its next item chains to). */
    final ConcurrentHashMap<Object, Item> keyTails;

    Runner(VirtualInstance<?> owner, ErrorPolicy errors, boolean ordered, boolean keyed) {
        this.owner = owner;
        this.counters = owner.counters;
        this.fanIn = owner.fanIn;
        this.errors = errors;
        this.ordered = ordered;
        this.keyed = keyed;
        this.keyTails = keyed ? new ConcurrentHashMap<>() : null;
    }

    /**
     * Accepts {@code t} (its lane's first admission permit is held by the submitter, who is a
     * holder of the termination word) and starts it moving.
     *
     * @return true if the submitter's hold went with the item (its thread leaves for it)
     */
    abstract boolean handOver(Item t);

    /** Every submitter of an input that feeds {@code lanes} has left for good. */
    abstract void inputEnded(Lane[] lanes);

    /** On cancel: interrupts every engine thread that may be running or waiting. */
    abstract void interruptAll();

    /** After termination: waits until every thread this runner started has terminated. */
    abstract void joinAll() throws InterruptedException;

    boolean isCancelled() {
        return owner.isCancelled();
    }

    /** Runs one stage on {@code value}; on failure or cancel counts the outcome (settled) and returns null. */
    final Object runStage(Item t, StageGate g, Object value) {
        if (isCancelled()) {
            t.settled = true;
            counters.cancelled();
            return null;
        }
        try {
            return g.function.apply(value, g.context);
        } catch (Throwable x) {
            stageFailed(t, g.name, x);
            return null;
        } finally {
            if (!isCancelled()) {
                Thread.interrupted(); // an interrupt the stage code gave itself is not a cancel of ours
            }
        }
    }

    /**
     * After stage {@code s} returned {@code out} for {@code t}: true if the item goes on; false if
     * it ended there (failed or cancelled, already counted; or filtered, counted here).
     */
    final boolean goesOn(Item t, int s, Object out) {
        if (t.settled) {
            return false;
        }
        if (keyed) {
            t.advance(Item.done(s));
        }
        if (out == null) {
            t.settled = true;
            counters.filtered();
            return false;
        }
        return true;
    }

    private void stageFailed(Item t, String stage, Throwable x) {
        t.settled = true;
        if (isCancelled() && (x instanceof InterruptedException || x instanceof CancellationException)) {
            counters.cancelled();
            return;
        }
        counters.failed();
        Failure failure = new Failure(t.input, stage, x);
        if (x instanceof Error || errors == ErrorPolicy.FAIL_FAST) {
            owner.fatal(failure);
        } else {
            fanIn.failure(failure);
        }
    }

    /** After the last stage: the output goes to the fan-in (under KEYED after its key's predecessor). */
    final void toFanIn(Item t, Object value) throws InterruptedException {
        if (fanIn.combining()) {
            fanIn.accumulate(t, value);
        } else if (ordered) {
            t.settled = true;
            t.handed = true;
            fanIn.complete(t.seq, t.input, value);
        } else {
            if (keyed) {
                t.awaitPredecessor(Item.done(t.lane.gates.length), owner::isCancelled);
            }
            fanIn.deliver(t, value);
        }
    }

    /** What an item's thread does when it catches {@code e} while carrying {@code t}. */
    final void caught(Item t, Throwable e) {
        if (e instanceof InterruptedException || e instanceof CancellationException) {
            if (!isCancelled()) {
                owner.cancel(e);
            }
            return;
        }
        if (!t.settled) {
            t.settled = true;
            counters.failed();
        }
        owner.fatal(new Failure(t.input, "engine", e));
    }

    /** A thread could not be started for {@code t}: it failed, and the instance with it. */
    final void notStarted(Item t, Throwable e) {
        t.lane.first().admission.release();
        t.settled = true;
        counters.failed();
        owner.fatal(new Failure(t.input, "engine", e));
        end(t);
    }

    /** The item's thread is done with it: count it cancelled if nothing else did, free its successors. */
    final void end(Item t) {
        if (!t.settled) {
            t.settled = true;
            counters.cancelled();
        }
        if (ordered && !t.handed) {
            fanIn.complete(t.seq, null, null);
        }
        if (keyed) {
            t.advance(Item.END);
            // the key's entry goes only once nothing accepted with that key is still going
            Item tail = keyTails.get(t.key);
            if (tail != null && tail.chainEnded()) {
                keyTails.remove(t.key, tail);
            }
        }
    }
}
