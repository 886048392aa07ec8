package dev.poolbench.harness.measure;

/**
 * One measured pass of one phase in one fork: what {@code samples.csv} holds per line. Counts
 * and rates are taken in the pass's steady-state window; start-up and the close drain are
 * timed apart. Per-item costs are negative when unknown (no {@code /proc} census, no
 * allocation counter).
 *
 * @param items          items completed inside the window
 * @param elapsedNanos   the window's length
 * @param throughput     items/s completed inside the window (cancellation: cancellations/s)
 * @param p50Us          percentiles of the pass's latency histogram (from the intended start)
 * @param cpuNsPerItem   the whole process's on-CPU ns per item (sum over every thread)
 * @param runqueueWaitNsPerItem run-queue wait of the engine's threads per item
 * @param ctxSwitchesPerItem     voluntary + involuntary context switches of the engine's threads per item
 * @param startupUs      building the instance (before the window)
 * @param closeUs        close(): drain and termination (after the window)
 * @param scheduled      open loop: items due inside the window; else 0
 * @param achievedRate   open loop: items completed by the window's end plus the drain allowance, per second of window
 * @param saturated      open loop: fewer than 98 % of the scheduled items completed in time
 * @param reason         why the pass is invalid (oracle mismatch, leak, hang), or empty
 */
public record IterationSample(int fork, int iteration, long items, long elapsedNanos, double throughput,
                              double p50Us, double p99Us, double p999Us, double maxUs, double serviceP99Us,
                              double cpuNsPerItem, double cpuEngineNsPerItem, double cpuGeneratorNsPerItem,
                              double cpuGcNsPerItem, double cpuJitNsPerItem, double cpuOtherNsPerItem,
                              double runqueueWaitNsPerItem, double ctxSwitchesPerItem, double allocBytesPerItem,
                              int peakThreads, long peakHeapBytes, double startupUs, double closeUs, long scheduled,
                              double achievedRate, boolean saturated, double generatorLagP99Us,
                              double generatorLagMaxUs, double admissionWaitP99Us, double hiccupP99Us,
                              double hiccupMaxUs, long gcCount, double gcPauseTotalMs, double gcPauseMaxMs,
                              int warmupPasses, boolean valid, String reason) {
}
