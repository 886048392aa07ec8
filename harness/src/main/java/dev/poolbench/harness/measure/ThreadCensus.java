package dev.poolbench.harness.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A census of every thread of this process and what the scheduler has given it so far, read
 * from Linux's {@code /proc/self/task/<tid>/schedstat}: on-CPU and run-queue nanoseconds (not the
 * 10 ms ticks of {@code getProcessCpuTime}) and the number of times the thread was switched onto
 * a CPU, which counts its context switches, voluntary and involuntary alike. One small file per
 * thread: a census of 200 threads reads in a few ms (thread names are read once per thread). GC, JIT and virtual-thread carriers are OS
 * threads too, so they are counted; each thread is put in one {@link CpuGroup} by its OS name.
 * Two censuses taken at the edges of a window give each group's cost inside it
 * ({@link #since}). Where {@code /proc} is missing the census is unavailable and the caller
 * falls back to the process total.
 */
final class ThreadCensus {
    private static final Path TASKS = Path.of("/proc/self/task");
    /**
     * Thread names by tid, read once per thread; a tid that leaves the listing is forgotten, so a
     * tid Linux reuses (only after its pid space wraps) is read afresh.
     */
    private static final Map<String, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    static final boolean AVAILABLE = Files.isReadable(TASKS.resolve(selfTid() + "/schedstat"));

    /** One thread's counters. */
    record Task(String comm, CpuGroup group, long onCpuNanos, long runQueueNanos, long switches) {
    }

    private final Map<String, Task> tasks;
    private final long processCpuNanos;

    private ThreadCensus(Map<String, Task> tasks, long processCpuNanos) {
        this.tasks = tasks;
        this.processCpuNanos = processCpuNanos;
    }

    /** Takes a census now (a few µs per thread). */
    static ThreadCensus take() {
        long process = processCpu();
        Map<String, Task> out = new HashMap<>();
        if (AVAILABLE) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(TASKS)) {
                for (Path task : dir) {
                    Task t = read(task);
                    if (t != null) {
                        out.put(task.getFileName().toString(), t);
                    }
                }
            } catch (IOException e) {
                // the process is going away; an empty census makes the window's groups unknown
            }
            NAMES.keySet().retainAll(out.keySet());
        }
        return new ThreadCensus(out, process);
    }

    private static Task read(Path task) {
        try {
            String tid = task.getFileName().toString();
            String comm = NAMES.get(tid);
            if (comm == null) {
                comm = Files.readString(task.resolve("comm")).trim();
                NAMES.put(tid, comm);
            }
            String[] sched = Files.readString(task.resolve("schedstat")).trim().split(" ");
            return new Task(comm, CpuGroup.of(comm), Long.parseLong(sched[0]), Long.parseLong(sched[1]),
                    Long.parseLong(sched[2]));
        } catch (IOException | RuntimeException e) {
            return null; // the thread ended between listing and reading: it has nothing left to count
        }
    }

    /**
     * What the window from {@code before} to this census cost, per group. A thread born inside the
     * window counts from zero; one that ended inside it is missed (engines start their threads
     * before the window and stop them after it).
     */
    Window since(ThreadCensus before) {
        Map<CpuGroup, Long> cpu = new EnumMap<>(CpuGroup.class);
        for (CpuGroup g : CpuGroup.values()) {
            cpu.put(g, 0L);
        }
        long runQueue = 0;
        long switches = 0;
        for (Map.Entry<String, Task> e : tasks.entrySet()) {
            Task now = e.getValue();
            Task then = before.tasks.get(e.getKey());
            boolean same = then != null && then.comm.equals(now.comm);
            long onCpu = now.onCpuNanos - (same ? then.onCpuNanos : 0);
            cpu.merge(now.group, Math.max(0, onCpu), Long::sum);
            if (now.group == CpuGroup.ENGINE) {
                runQueue += now.runQueueNanos - (same ? then.runQueueNanos : 0);
                switches += now.switches - (same ? then.switches : 0);
            }
        }
        return new Window(AVAILABLE && !tasks.isEmpty(), cpu, runQueue, switches,
                processCpuNanos - before.processCpuNanos);
    }

    /**
     * A window's costs. {@code precise} is false where the census is unavailable: then only
     * {@code processTickNanos} (the OS's tick-granular process total) is known.
     */
    record Window(boolean precise, Map<CpuGroup, Long> cpuNanos, long engineRunQueueNanos, long engineSwitches,
                  long processTickNanos) {

        /** The process total: the sum of every thread's on-CPU time, or the tick-granular total. */
        long totalNanos() {
            return precise ? cpuNanos.values().stream().mapToLong(Long::longValue).sum() : processTickNanos;
        }

        long group(CpuGroup g) {
            return precise ? cpuNanos.get(g) : -1;
        }
    }

    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    private static String selfTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "none";
        }
    }
}
