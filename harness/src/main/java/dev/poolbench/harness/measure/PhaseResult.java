package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured passes of one phase of a row — closed-loop throughput, open-loop latency at one
 * load point, or cancellation — over one or more forks, with one histogram per pass and
 * {@link HistogramKind} (the i-th histogram of each kind belongs to the i-th sample). The kinds
 * are kept apart and never mixed.
 *
 * @param mode        {@code throughput}, {@code latency} or {@code cancel}
 * @param load        fraction of the scenario's common saturation rate, or NaN when not a load point
 * @param arrivalRate items/s offered in the latency phase (absolute, the same for every engine), or 0
 */
public record PhaseResult(String mode, double load, double arrivalRate, List<IterationSample> samples,
                          Map<HistogramKind, List<Histogram>> intervals) {

    public static PhaseResult empty(String mode, double load, double arrivalRate) {
        Map<HistogramKind, List<Histogram>> m = new EnumMap<>(HistogramKind.class);
        for (HistogramKind k : HistogramKind.values()) {
            m.put(k, new ArrayList<>());
        }
        return new PhaseResult(mode, load, arrivalRate, new ArrayList<>(), m);
    }

    /** Adds one pass and its histograms (copied; a missing kind gets an empty histogram). */
    void add(IterationSample sample, Map<HistogramKind, Histogram> histograms) {
        samples.add(sample);
        for (HistogramKind k : HistogramKind.values()) {
            Histogram h = histograms.get(k);
            intervals.get(k).add(h == null ? newHistogram() : h.copy());
        }
    }

    /** Appends every pass of {@code other} (the same phase of another fork). */
    void addAll(PhaseResult other) {
        samples.addAll(other.samples);
        for (HistogramKind k : HistogramKind.values()) {
            intervals.get(k).addAll(other.intervals.get(k));
        }
    }

    public List<Histogram> intervals(HistogramKind kind) {
        return intervals.get(kind);
    }

    /** Every pass's histogram of {@code kind} in one. */
    public Histogram merged(HistogramKind kind) {
        return merge(kind, -1);
    }

    /** The passes of one fork, {@code kind}, in one histogram (the fork is the unit of statistics). */
    public Histogram mergedForFork(HistogramKind kind, int fork) {
        return merge(kind, fork);
    }

    /** The forks that measured this phase, in the order they appear. */
    public List<Integer> forks() {
        return samples.stream().map(IterationSample::fork).distinct().toList();
    }

    /** The samples of one fork. */
    public List<IterationSample> samplesOf(int fork) {
        return samples.stream().filter(s -> s.fork() == fork).toList();
    }

    public Histogram latency() {
        return merged(HistogramKind.LATENCY);
    }

    public Histogram service() {
        return merged(HistogramKind.SERVICE);
    }

    /** The first reason a pass was invalid, or null if all were valid. */
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

    private Histogram merge(HistogramKind kind, int fork) {
        Histogram h = newHistogram();
        List<Histogram> parts = intervals.get(kind);
        for (int i = 0; i < parts.size(); i++) {
            if (fork < 0 || (i < samples.size() && samples.get(i).fork() == fork)) {
                h.add(parts.get(i));
            }
        }
        return h;
    }

    static Histogram newHistogram() {
        return new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
    }
}
