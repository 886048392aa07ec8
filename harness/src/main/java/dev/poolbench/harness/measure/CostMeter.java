package dev.poolbench.harness.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * What a pass costs the process: CPU time (all threads, from the OS), heap bytes allocated
 * (all threads; a virtual thread allocates in its carrier's buffers, so carriers' counters
 * include virtual threads), and the peak heap in use. Read before and after a pass.
 */
final class CostMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<MemoryPoolMXBean> HEAP = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();

    private long cpu0;
    private long alloc0;
    private long wall0;

    /** Starts a measurement: resets the heap peaks and reads the counters. */
    void start() {
        for (MemoryPoolMXBean p : HEAP) {
            p.resetPeakUsage();
        }
        cpu0 = OS.getProcessCpuTime();
        alloc0 = allocated();
        wall0 = System.nanoTime();
    }

    /** Ends it: the costs since {@link #start()}. */
    Costs stop() {
        long wall = System.nanoTime() - wall0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        long alloc = allocated() - alloc0;
        long peak = 0;
        for (MemoryPoolMXBean p : HEAP) {
            peak += p.getPeakUsage().getUsed();
        }
        return new Costs(wall, cpu, alloc, peak);
    }

    private static long allocated() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled()
                ? THREADS.getTotalThreadAllocatedBytes() : -1;
    }

    /** Costs of one pass; allocated is negative when the JVM cannot count it. */
    record Costs(long wallNanos, long cpuNanos, long allocatedBytes, long peakHeapBytes) {
    }
}
