package dev.poolbench.engine.virtual;

import dev.poolbench.api.ErrorPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code virtual.mode=workers}, kept for comparison: {@code parallelism} long-lived virtual
 * threads per stage draining the stage's bounded queue (the seed's worker pool). Each worker is
 * a holder of the {@link TerminationWord} until it ends; workers end on end markers, sent down a
 * lane once every input feeding it has ended, or on cancel.
 */
final class WorkersRunner extends Runner {
    private final TerminationWord word;
    private final List<Thread> workers = new ArrayList<>();
    /** KEYED: chaining and enqueueing happen together, so queue order is per-key acceptance order. */
    private final ReentrantLock keyedEnqueue = new ReentrantLock();

    WorkersRunner(VirtualInstance<?> owner, ErrorPolicy errors, boolean ordered, boolean keyed,
                  TerminationWord word) {
        super(owner, errors, ordered, keyed);
        this.word = word;
    }

    /** Starts every worker; the caller cancels the instance if this throws. */
    void start(Lane[] lanes, ThreadFactory factory) {
        for (Lane lane : lanes) {
            for (int s = 0; s < lane.gates.length; s++) {
                int stage = s;
                for (int w = 0; w < lane.gates[s].parallelism; w++) {
                    Thread t = factory.newThread(() -> {
                        try {
                            workerLoop(lane, stage);
                        } finally {
                            word.leave();
                        }
                    });
                    if (t == null) {
                        throw new IllegalStateException("the thread factory returned null");
                    }
                    synchronized (workers) {
                        workers.add(t);
                    }
                    word.enter();
                    try {
                        t.start();
                    } catch (RuntimeException | Error e) {
                        word.leave();
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    boolean handOver(Item t) {
        if (keyed) {
            keyedEnqueue.lock(); // never blocks for long: the queue has room for the admission permit taken
            try {
                t.prev = keyTails.put(t.key, t);
                counters.accepted(owner.soleProducer);
                t.lane.first().queue.add(t);
            } finally {
                keyedEnqueue.unlock();
            }
        } else {
            counters.accepted(owner.soleProducer);
            t.lane.first().queue.add(t);
        }
        return false;
    }

    @Override
    void inputEnded(Lane[] lanes) {
        if (!isCancelled()) {
            for (Lane lane : lanes) {
                lane.first().sendEndMarkers();
            }
        }
    }

    private void workerLoop(Lane lane, int s) {
        StageGate g = lane.gates[s];
        try {
            while (!isCancelled()) {
                Object o;
                try {
                    o = g.queue.take();
                } catch (InterruptedException e) {
                    continue; // the loop condition decides: only a cancel ends a worker early
                }
                if (o == StageGate.END_MARKER) {
                    break;
                }
                g.admission.release();
                workOn((Item) o, s);
                if (!isCancelled()) {
                    Thread.interrupted(); // stage code's own interrupt must not end this worker
                }
            }
        } finally {
            if (g.workersLeft.decrementAndGet() == 0 && s + 1 < lane.gates.length && !isCancelled()) {
                lane.gates[s + 1].sendEndMarkers();
            }
        }
    }

    private void workOn(Item t, int s) {
        StageGate[] gates = t.lane.gates;
        boolean passedOn = false;
        try {
            if (keyed) {
                t.awaitPredecessor(Item.done(s), owner::isCancelled);
            }
            Object value = runStage(t, gates[s], t.value);
            if (!goesOn(t, s, value)) {
                return;
            }
            if (s + 1 < gates.length) {
                StageGate next = gates[s + 1];
                if (keyed) {
                    t.awaitPredecessor(Item.entered(s + 1), owner::isCancelled);
                }
                next.admission.acquire();
                if (isCancelled()) {
                    return;
                }
                t.value = value;
                next.queue.add(t);
                passedOn = true;
                if (keyed) {
                    t.advance(Item.entered(s + 1)); // after the add: queue order is per-key order
                }
                return;
            }
            toFanIn(t, value);
        } catch (Throwable e) {
            caught(t, e);
        } finally {
            if (!passedOn) {
                end(t);
            }
        }
    }

    @Override
    void interruptAll() {
        Thread me = Thread.currentThread();
        for (Thread t : snapshot()) {
            if (t != me) {
                t.interrupt();
            }
        }
    }

    @Override
    void joinAll() throws InterruptedException {
        Thread me = Thread.currentThread();
        for (Thread t : snapshot()) {
            if (t != me) {
                t.join();
            }
        }
    }

    private List<Thread> snapshot() {
        synchronized (workers) {
            return List.copyOf(workers);
        }
    }
}
