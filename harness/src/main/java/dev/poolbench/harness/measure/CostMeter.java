package dev.poolbench.harness.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Memory a pass costs the process: heap bytes allocated (all threads; a virtual thread
 * allocates in its carrier's buffers, so carriers' counters include virtual threads) and the
 * peak heap in use. CPU is the {@link ThreadCensus}'s job.
 */
final class CostMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private CostMeter() {
    }

    /** Resets the heap pools' peaks: {@link #peakHeapBytes()} then covers what follows. */
    static void resetPeakHeap() {
        for (MemoryPoolMXBean p : HEAP) {
            p.resetPeakUsage();
        }
    }

    static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean p : HEAP) {
            peak += p.getPeakUsage().getUsed();
        }
        return peak;
    }

    /** Bytes allocated by every thread so far, or -1 when the JVM cannot count them. */
    static long allocatedBytes() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled()
                ? THREADS.getTotalThreadAllocatedBytes() : -1;
    }
}
