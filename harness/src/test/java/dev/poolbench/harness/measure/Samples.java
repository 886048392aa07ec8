package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.List;

/** Test fixtures: samples and phases with the few measures a test cares about, the rest neutral. */
public final class Samples {

    private Samples() {
    }

    /** A pass of fork {@code fork}: throughput, latency percentiles (µs) and CPU/item; costs otherwise unknown. */
    public static IterationSample sample(int fork, int iteration, long items, long elapsedNanos, double throughput,
                                         double p50Us, double p99Us, double p999Us, double maxUs, double cpuNsPerItem,
                                         boolean valid, String reason) {
        return new IterationSample(fork, iteration, items, elapsedNanos, throughput, p50Us, p99Us, p999Us, maxUs,
                p99Us, cpuNsPerItem, cpuNsPerItem, 0, 0, 0, 0, -1, -1, 64, 3, 1 << 20, 100, 100, 0, Double.NaN,
                false, 0, 0, 0, 0, 0, 0, 0, 0, 0, valid, valid ? "" : reason);
    }

    /** A phase whose passes all share {@code latency} as their latency and service histograms. */
    public static PhaseResult phase(String mode, double load, double rate, List<IterationSample> samples,
                                    List<Histogram> latency) {
        PhaseResult p = PhaseResult.empty(mode, load, rate);
        for (int i = 0; i < samples.size(); i++) {
            p.samples().add(samples.get(i));
            p.intervals(HistogramKind.LATENCY).add(latency.get(i));
            p.intervals(HistogramKind.SERVICE).add(latency.get(i));
            for (HistogramKind k : List.of(HistogramKind.GENERATOR_LAG, HistogramKind.ADMISSION_WAIT,
                    HistogramKind.HICCUP)) {
                p.intervals(k).add(PhaseResult.newHistogram());
            }
        }
        return p;
    }
}
