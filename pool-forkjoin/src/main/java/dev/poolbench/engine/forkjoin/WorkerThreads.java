package dev.poolbench.engine.forkjoin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The instance's fork-join worker threads, made by the caller's factory and recorded, so
 * termination can wait for them: a pool reports termination while its last workers are still
 * leaving. Termination is airtight in three steps. Once the pool has terminated the record is
 * sealed — the factory then makes no more threads for this pool — so it holds every thread the
 * pool will ever have. A recorded thread counts as ended only in state TERMINATED, never merely
 * "not alive": a thread the pool has made but not yet started is not alive either, and it starts
 * a moment later. And it must also be no longer alive: {@code Thread.join(Duration)} returns on
 * TERMINATED, a moment before {@code isAlive()} turns false — the window in which a leak check
 * right after {@code awaitTermination} saw a live worker (issue 16's startCancelRaces flake).
 */
final class WorkerThreads implements ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final ForkJoinPool.ForkJoinWorkerThreadFactory factory;
    private final List<Thread> threads = new ArrayList<>();
    private boolean sealed;

    WorkerThreads(ForkJoinPool.ForkJoinWorkerThreadFactory factory) {
        this.factory = factory;
    }

    @Override
    public synchronized ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        if (sealed) {
            return null; // the pool treats it as a failed creation and goes on without it
        }
        ForkJoinWorkerThread t = factory.newThread(pool);
        if (t != null) {
            threads.add(t);
        }
        return t;
    }

    /** Seals the record (call only once the pool has terminated) and returns every thread it holds. */
    private synchronized List<Thread> seal() {
        sealed = true;
        return new ArrayList<>(threads);
    }

    /** After the pool terminated: whether every thread it had has ended. */
    boolean allEnded() {
        for (Thread t : seal()) {
            if (!ended(t)) {
                return false;
            }
        }
        return true;
    }

    /** After the pool terminated: waits until every thread it had has ended; false if {@code due} passed first. */
    boolean awaitAllEnded(long due) throws InterruptedException {
        for (Thread t : seal()) {
            while (!ended(t)) {
                long left = due - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Thread.State state = t.getState();
                if (state == Thread.State.NEW) {
                    Thread.sleep(1); // made, about to be started by the pool
                } else if (state != Thread.State.TERMINATED) {
                    t.join(Duration.ofNanos(left));
                } else {
                    Thread.onSpinWait(); // terminated; isAlive() turns false a moment later
                }
            }
        }
        return true;
    }

    /**
     * Ended for every observer: state TERMINATED, which {@code join} waits for, and no longer
     * {@link Thread#isAlive() alive}, which on JDK 25 turns false a moment after (a leak check
     * that asks isAlive() right after a join may still see the thread).
     */
    private static boolean ended(Thread t) {
        return t.getState() == Thread.State.TERMINATED && !t.isAlive();
    }
}
