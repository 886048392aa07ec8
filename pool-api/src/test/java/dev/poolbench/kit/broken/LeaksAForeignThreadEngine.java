package dev.poolbench.kit.broken;

import dev.poolbench.api.PatternOptions;

import java.util.concurrent.CountDownLatch;

/**
 * Planted bug: every instance starts one thread with {@code new Thread}, outside the caller's
 * thread factory, that outlives it (until {@link #releaseLeakedThreads()}; daemons besides).
 */
final class LeaksAForeignThreadEngine extends ForwardingEngine {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    static void releaseLeakedThreads() {
        RELEASE.countDown();
    }

    @Override
    protected void built(PatternOptions options) {
        Thread t = new Thread(() -> {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "toy-foreign-thread");
        t.setDaemon(true);
        t.start();
    }
}
