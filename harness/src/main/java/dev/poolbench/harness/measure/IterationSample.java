package dev.poolbench.harness.measure;

/**
 * One measured iteration of one phase: what {@code samples.csv} holds per row.
 *
 * @param throughput   items/s: accepted items over the time from the first submit until close
 *                     returned (for the cancellation scenario: cancellations/s)
 * @param p50Us        percentiles of the iteration's latency histogram (from the intended
 *                     start), µs
 * @param allocBytesPerItem negative when the JVM cannot count allocation
 * @param reason       why the iteration is invalid (oracle mismatch, leak, hang), or empty
 */
public record IterationSample(int fork, int iteration, long items, long elapsedNanos, double throughput,
                              double p50Us, double p99Us, double p999Us, double maxUs, double cpuNsPerItem,
                              double allocBytesPerItem, int peakThreads, long peakHeapBytes, boolean valid,
                              String reason) {
}
