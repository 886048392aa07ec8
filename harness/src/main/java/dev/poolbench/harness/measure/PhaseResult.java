package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The measured iterations of one phase of a row — closed-loop throughput, open-loop latency at
 * one load point, or cancellation — with one latency histogram per iteration: {@code latency}
 * from the intended start (corrected for coordinated omission), {@code service} from the actual
 * submit. The two kinds are kept apart and never mixed.
 *
 * @param mode        {@code throughput}, {@code latency} or {@code cancel}
 * @param load        fraction of the saturation rate, or NaN when not a load point
 * @param arrivalRate items/s offered in the latency phase, or 0
 */
public record PhaseResult(String mode, double load, double arrivalRate, List<IterationSample> samples,
                          List<Histogram> latencyIntervals, List<Histogram> serviceIntervals) {

    public static PhaseResult empty(String mode, double load, double arrivalRate) {
        return new PhaseResult(mode, load, arrivalRate, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Adds one iteration and its histograms (copied). */
    void add(IterationSample sample, Histogram iterationLatency, Histogram iterationService) {
        samples.add(sample);
        latencyIntervals.add(iterationLatency.copy());
        serviceIntervals.add(iterationService.copy());
    }

    /** All iterations' corrected latencies in one histogram. */
    public Histogram latency() {
        return merge(latencyIntervals);
    }

    /** All iterations' service times in one histogram. */
    public Histogram service() {
        return merge(serviceIntervals);
    }

    /** The first reason an iteration was invalid, or null if all were valid. */
    public String invalidReason() {
        return samples.stream().filter(s -> !s.valid()).map(IterationSample::reason).findFirst().orElse(null);
    }

    /** {@code throughput}, {@code latency@0.50}, {@code latency@1000/s} or {@code cancel}: names files and tags. */
    public String label() {
        if (!Double.isNaN(load)) {
            return mode + "@" + String.format(Locale.ROOT, "%.2f", load);
        }
        if (arrivalRate > 0 && mode.equals("latency")) {
            return mode + "@" + Math.round(arrivalRate) + "/s";
        }
        return mode;
    }

    private static Histogram merge(List<Histogram> parts) {
        Histogram h = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
        for (Histogram p : parts) {
            h.add(p);
        }
        return h;
    }
}
