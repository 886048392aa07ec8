package dev.poolbench.engine.forkjoin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The instance's fork-join worker threads, made by the caller's factory and recorded, so
 * termination can join them: a pool reports termination while its last workers are still
 * leaving. Once the pool has terminated the record is sealed — the factory then makes no more
 * threads for this pool — so the join covers every thread it will ever have; a thread the pool
 * asked for while terminating can no longer slip in after the join.
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
    synchronized List<Thread> seal() {
        sealed = true;
        return new ArrayList<>(threads);
    }
}
