package dev.poolbench.harness.measure;

/**
 * Who a thread works for, told by its OS thread name (Linux keeps the first 15 characters of
 * the Java name). Engine threads come from the harness's thread factory, whose names all start
 * {@code poolbench-}; the harness's own threads start {@code pb-}; carriers of virtual threads
 * are the JDK scheduler's {@code ForkJoinPool-N-worker-M} threads (only virtual threads use
 * them in a fork); GC and JIT threads have the names HotSpot gives them.
 */
enum CpuGroup {
    ENGINE, GENERATOR, GC, JIT, OTHER;

    /** Prefix of the load generator's threads. */
    static final String GENERATOR_PREFIX = "pb-generator-";

    static CpuGroup of(String comm) {
        if (comm.startsWith("poolbench-") || comm.startsWith("ForkJoinPool-") || comm.startsWith("VirtualThread-")) {
            return ENGINE;
        }
        if (comm.startsWith("pb-generator")) {
            return GENERATOR;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.startsWith("Z") || comm.startsWith(
                "Shenandoah") || comm.startsWith("Parallel GC")) {
            return GC;
        }
        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") || comm.contains("CompilerThre")) {
            return JIT;
        }
        return OTHER;
    }
}
