package dev.poolbench.engine.virtual;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every thread an instance starts, all from its one thread factory: counts the live ones,
 * interrupts the running ones on cancel, and makes "no thread alive after termination" exact.
 * Each ending thread joins the thread that ended before it, so once the last one is joined
 * every earlier one is dead too (virtual threads are invisible to {@code Thread.getAllStackTraces}).
 */
final class ThreadRegistry {
    private final ThreadFactory factory;
    private final Runnable onAllEnded;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicReference<Thread> lastEnded = new AtomicReference<>();

    ThreadRegistry(ThreadFactory factory, Runnable onAllEnded) {
        this.factory = factory;
        this.onAllEnded = onAllEnded;
    }

    /** Starts {@code body} on a new thread from the factory. */
    void start(Runnable body) {
        live.incrementAndGet();
        try {
            Thread t = factory.newThread(() -> run(body));
            if (t == null) {
                throw new IllegalStateException("the thread factory returned null");
            }
            t.start();
        } catch (RuntimeException | Error e) {
            if (live.decrementAndGet() == 0) {
                onAllEnded.run();
            }
            throw e;
        }
    }

    private void run(Runnable body) {
        Thread self = Thread.currentThread();
        running.add(self);
        try {
            body.run();
        } finally {
            running.remove(self);
            Thread before = lastEnded.getAndSet(self);
            if (before != null) {
                joinUninterruptibly(before);
            }
            if (live.decrementAndGet() == 0) {
                onAllEnded.run();
            }
        }
    }

    private static void joinUninterruptibly(Thread t) {
        while (true) {
            try {
                t.join();
                return;
            } catch (InterruptedException e) {
                // a cancel's interrupt: this thread is ending anyway
            }
        }
    }

    /** Threads started and not yet ended. */
    int live() {
        return live.get();
    }

    /** Interrupts every running thread but the caller. */
    void interruptAll() {
        Thread me = Thread.currentThread();
        for (Thread t : running) {
            if (t != me) {
                t.interrupt();
            }
        }
    }

    /** After {@link #live()} reached 0: waits until the last thread (and so every one) is dead. */
    void joinEnded() throws InterruptedException {
        Thread t = lastEnded.get();
        if (t != null && t != Thread.currentThread()) {
            t.join();
        }
    }
}
