package dev.poolbench.engine.disruptor;

import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Running;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tiny path (identity stage, no-op sink) allocates nothing per item: events are pre-allocated
 * and reused. Measured with the per-thread allocated-bytes counter of every thread involved (the
 * producer and each handler thread) over many items, against a generous threshold that a single
 * per-item object (≥ 16 bytes) would exceed several times over. Not a performance assertion.
 */
class DisruptorAllocationTest {

    private static final int WARM_UP = 300_000;
    private static final int MEASURED = 500_000;
    private static final double MAX_BYTES_PER_ITEM = 2.0;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void noPerItemAllocationOnTheTinyPath() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs the HotSpot per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        ConcurrentLinkedQueue<Thread> started = new ConcurrentLinkedQueue<>();
        ThreadFactory base = Thread.ofPlatform().name("poolbench-disruptor-alloc-", 0).factory();
        ThreadFactory recording = r -> {
            Thread t = base.newThread(r);
            started.add(t);
            return t;
        };
        Integer[] items = new Integer[1024];
        for (int i = 0; i < items.length; i++) {
            items[i] = 100_000 + i;
        }
        PatternOptions options = PatternOptions.builder().threadFactory(recording).singleProducer(true).build();
        Running<Integer> r = new DisruptorEngine().workerPool(WorkerPool.of(
                StageSpec.<Integer, Integer>of("identity", (x, c) -> x).withParallelism(2).withBuffer(1024), options),
                x -> { });
        try {
            for (int i = 0; i < WARM_UP; i++) {
                r.submit(items[i & 1023]);
            }
            awaitDrained(r, WARM_UP);
            List<Thread> all = new ArrayList<>(started);
            all.add(Thread.currentThread());
            long before = allocated(threads, all);
            for (int i = 0; i < MEASURED; i++) {
                r.submit(items[i & 1023]);
            }
            long producerAfter = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            awaitDrained(r, WARM_UP + MEASURED);
            long handlersAfter = allocated(threads, new ArrayList<>(started));
            double perItem = (double) (producerAfter + handlersAfter - before) / MEASURED;
            assertThat(perItem).as("allocated bytes per item on the tiny path").isLessThan(MAX_BYTES_PER_ITEM);
        } finally {
            r.close();
        }
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, List<Thread> list) {
        long sum = 0;
        for (Thread t : list) {
            sum += Math.max(0, threads.getThreadAllocatedBytes(t.threadId()));
        }
        return sum;
    }

    private static void awaitDrained(Running<Integer> r, long count) throws InterruptedException {
        while (r.stats().outputs() < count) {
            Thread.sleep(1);
        }
    }
}
