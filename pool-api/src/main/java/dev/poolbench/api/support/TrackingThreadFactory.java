package dev.poolbench.api.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread factory that remembers every thread it made, platform, virtual or fork-join worker,
 * so that a test or a benchmark can see how many ran at once and whether any outlived the
 * instance. Virtual threads are invisible to {@code Thread.getAllStackTraces} and JMX; through
 * the factory they are not.
 */
public final class TrackingThreadFactory implements ThreadFactory, ForkJoinPool.ForkJoinWorkerThreadFactory {
    private final ThreadFactory delegate;
    private final String forkJoinPrefix;
    private final Queue<Thread> created = new ConcurrentLinkedQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final AtomicInteger forkJoinCount = new AtomicInteger();

    /**
     * @param delegate       makes the threads for {@link #newThread(Runnable)}
     * @param forkJoinPrefix name prefix of fork-join workers made by {@link #newThread(ForkJoinPool)}
     */
    public TrackingThreadFactory(ThreadFactory delegate, String forkJoinPrefix) {
        this.delegate = delegate;
        this.forkJoinPrefix = forkJoinPrefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = delegate.newThread(() -> {
            started();
            try {
                r.run();
            } finally {
                live.decrementAndGet();
            }
        });
        if (t != null) {
            created.add(t);
        }
        return t;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        ForkJoinWorkerThread t = new ForkJoinWorkerThread(null, pool, true) {
            @Override
            protected void onStart() {
                super.onStart();
                started();
            }

            @Override
            protected void onTermination(Throwable exception) {
                try {
                    super.onTermination(exception);
                } finally {
                    live.decrementAndGet();
                }
            }
        };
        t.setName(forkJoinPrefix + forkJoinCount.getAndIncrement());
        created.add(t);
        return t;
    }

    private void started() {
        int now = live.incrementAndGet();
        peak.accumulateAndGet(now, Math::max);
    }

    /** Threads made so far. */
    public int created() {
        return created.size();
    }

    /** Threads running right now (started and not yet ended). */
    public int live() {
        return live.get();
    }

    /** The most threads that ran at once. */
    public int peakLive() {
        return peak.get();
    }

    /** Whether {@code t} was made by this factory. */
    public boolean made(Thread t) {
        return created.contains(t);
    }

    /** Threads made by this factory that are still alive. */
    public List<Thread> alive() {
        List<Thread> alive = new ArrayList<>();
        for (Thread t : created) {
            if (t.isAlive()) {
                alive.add(t);
            }
        }
        return alive;
    }

    /**
     * Waits up to {@code timeout} for every thread made here to end; true if they all did. Polls
     * {@link Thread#isAlive()} (a thread that was made but never started counts as ended): on
     * JDK 25 {@code join(Duration)} may return a moment before {@code isAlive()} turns false.
     */
    public boolean awaitAllTerminated(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean anyAlive = false;
            for (Thread t : created) {
                if (t.isAlive()) {
                    anyAlive = true;
                    break;
                }
            }
            if (!anyAlive) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1);
        }
    }
}
