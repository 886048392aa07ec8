package dev.poolbench.kit.broken;

import dev.poolbench.api.PatternOptions;

import java.util.concurrent.CountDownLatch;

/**
 * Planted bug: every instance built with a caller's thread factory starts one thread from it that
 * outlives the instance (until {@link #releaseLeakedThreads()}; they are daemons besides).
 */
final class LeaksAThreadEngine extends ForwardingEngine {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    static void releaseLeakedThreads() {
        RELEASE.countDown();
    }

    @Override
    protected void built(PatternOptions options) {
        if (options.threadFactory() == null) {
            return;
        }
        Thread t = options.threadFactory().newThread(() -> {
            try {
                RELEASE.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.setDaemon(true);
        t.start();
    }
}
