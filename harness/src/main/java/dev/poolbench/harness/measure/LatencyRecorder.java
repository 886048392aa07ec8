package dev.poolbench.harness.measure;

import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * The measuring sink: for each output, latency from the intended start (the corrected
 * histogram, no coordinated omission) and service time from the actual submit (the uncorrected
 * one), in nanoseconds, 3 significant digits. The two are recorded apart and never mixed.
 * The contract never calls a sink concurrently, so plain {@link Histogram}s suffice.
 */
final class LatencyRecorder implements Sink<Timed> {
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    final Histogram service = new Histogram(HIGHEST_NANOS, 3);
    long outputs;
    long failures;

    @Override
    public void onOutput(Timed t) {
        long now = System.nanoTime();
        latency.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - t.intendedNanos)));
        service.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, now - t.submitNanos)));
        outputs++;
    }

    @Override
    public void onFailure(Failure failure) {
        failures++;
    }

    /** Takes the histograms and count a fan-in aggregate carries (the combiner scenario). */
    void absorb(Histogram latencies, Histogram services, long count) {
        latency.add(latencies);
        service.add(services);
        outputs += count;
    }

    void reset() {
        latency.reset();
        service.reset();
        outputs = 0;
        failures = 0;
    }
}
