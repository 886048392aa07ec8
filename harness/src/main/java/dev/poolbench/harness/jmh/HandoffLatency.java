package dev.poolbench.harness.jmh;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where the hand-off benchmarks record each item's latency (sink time − submit time, ns) for
 * {@link LatencyProfiler}. It is static because JMH profilers cannot reach benchmark state; both
 * live in the same forked JVM. Recording is off unless the profiler switched it on, so a run
 * without {@code -prof} pays nothing for it; with it, engines and raw baselines pay the same
 * {@link Recorder#recordValue} per item.
 */
public final class HandoffLatency {

    private static final Recorder RECORDER = new Recorder(3);
    private static volatile boolean enabled;

    private HandoffLatency() {
    }

    /** Records {@code p}'s latency if the profiler is on. Safe from any thread. */
    static void record(Parcel p) {
        if (enabled) {
            RECORDER.recordValue(Math.max(0, System.nanoTime() - p.submittedNanos));
        }
    }

    /** Switches recording on and forgets everything recorded so far. */
    static void start() {
        RECORDER.reset();
        enabled = true;
    }

    /** Switches recording off and returns what was recorded since {@link #start()}. */
    static Histogram stop() {
        enabled = false;
        return RECORDER.getIntervalHistogram();
    }
}
