package dev.poolbench.engine.virtual;

import dev.poolbench.api.ErrorPolicy;

import java.util.concurrent.ThreadFactory;

/**
 * {@code virtual.mode=per-task}, the primitive's idiom: a new virtual thread per accepted item
 * carries it through every stage and into the fan-in, bounded by two Semaphores per stage
 * (admission: buffer + parallelism, held from entering the stage until the next one is entered
 * or the item ends; running: parallelism, held around the stage call). Per item nothing else is
 * shared but the {@link TerminationWord} (the submitter's hold passes to the thread) and a slot
 * of {@link ThreadSlots} (for cancel and for the join at termination), written by the submitter
 * before the start when it is the only one, else by the thread itself.
 */
final class PerTaskRunner extends Runner {
    private final ThreadFactory factory;
    private final TerminationWord word;
    private final ThreadSlots threads;

    PerTaskRunner(VirtualInstance<?> owner, ErrorPolicy errors, boolean ordered, boolean keyed,
                  ThreadFactory factory, TerminationWord word, long bound) {
        super(owner, errors, ordered, keyed);
        this.factory = factory;
        this.word = word;
        this.threads = new ThreadSlots(bound);
    }

    @Override
    boolean handOver(Item t) {
        if (keyed) {
            t.prev = keyTails.put(t.key, t);
        }
        counters.accepted(owner.soleProducer);
        try {
            Thread thread = factory.newThread(() -> run(t));
            if (thread == null) {
                throw new IllegalStateException("the thread factory returned null");
            }
            if (owner.soleProducer) {
                threads.putBeforeStart(thread); // the one starter writes the slots: no exchange per item
            }
            thread.start();
        } catch (RuntimeException | Error e) {
            notStarted(t, e);
            throw e;
        }
        return true;
    }

    private void run(Item t) {
        StageGate[] gates = t.lane.gates;
        int held = 0; // the admission permit this thread holds
        try {
            if (!owner.soleProducer) {
                threads.putSelf(); // before anything that checks the cancel flag or blocks
            }
            Object value = t.input;
            for (int s = 0; s < gates.length; s++) {
                StageGate g = gates[s];
                if (s > 0) {
                    if (keyed) {
                        t.awaitPredecessor(Item.entered(s), owner::isCancelled);
                    }
                    g.admission.acquire();
                    gates[held].admission.release();
                    held = s;
                    if (keyed) {
                        t.advance(Item.entered(s));
                    }
                }
                if (keyed) {
                    t.awaitPredecessor(Item.done(s), owner::isCancelled);
                }
                g.running.acquire();
                try {
                    value = runStage(t, g, value);
                } finally {
                    g.running.release();
                }
                if (!goesOn(t, s, value)) {
                    return;
                }
            }
            toFanIn(t, value);
        } catch (Throwable e) {
            caught(t, e);
        } finally {
            gates[held].admission.release();
            end(t);
            word.leave(); // the hold the submitter passed on: the last thing this thread does
        }
    }

    @Override
    void inputEnded(Lane[] lanes) {
        // nothing waits for an end marker: each item's thread ends with its item
    }

    @Override
    void interruptAll() {
        threads.interruptAll();
    }

    @Override
    void joinAll() throws InterruptedException {
        threads.joinAll();
    }
}
