package dev.poolbench.engine.forkjoin;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's default thread factory: fork-join workers and plain threads (the deadline watch)
 * named {@code <prefix><n>} from one counter, so no two threads of an instance share a name.
 * All are daemon threads.
 */
final class ForkJoinThreadFactory implements ThreadFactory, ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    ForkJoinThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + count.getAndIncrement());
        t.setDaemon(true);
        return t;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread t = new Worker(pool);
        t.setName(prefix + count.getAndIncrement());
        return t;
    }

    /** A plain fork-join worker; the subclass only exists because the constructor is protected. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(null, pool, true);
        }
    }
}
