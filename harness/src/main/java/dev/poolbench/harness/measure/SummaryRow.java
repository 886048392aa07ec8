package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code summary.csv}: one phase of one engine × scenario × parameters, all forks
 * and iterations together. Throughput is the median over iterations with min and max beside it;
 * percentiles come from the merged histogram of every iteration.
 */
public record SummaryRow(String engine, String scenario, String pattern, String profile, int parallelism,
                         int buffer, String engineOptions, String mode, double load, double arrivalRate,
                         boolean valid, String invalidReason, double throughput, double throughputMin,
                         double throughputMax, double p50Us, double p90Us, double p99Us, double p999Us,
                         double p9999Us, double maxUs, double meanUs, double serviceP50Us, double serviceP99Us,
                         double serviceP999Us, double cpuNsPerItem, double allocBytesPerItem, int peakThreads,
                         long peakHeapBytes, double speedupVsSequential, double efficiencyVsSequential, int forks,
                         int iterations, long items) {

    /** The summary of one phase of {@code row}. */
    static SummaryRow of(RowResult row, PhaseResult phase) {
        RowSpec s = row.spec();
        List<IterationSample> samples = phase.samples();
        double[] thr = samples.stream().mapToDouble(IterationSample::throughput).toArray();
        Histogram lat = phase.latency();
        Histogram svc = phase.service();
        String reason = row.error() != null ? row.error() : phase.invalidReason();
        if (reason == null && samples.isEmpty()) {
            reason = "no measured iteration";
        }
        return new SummaryRow(s.engine(), s.scenario(), row.pattern(), s.profile(), row.parallelism(), row.buffer(),
                s.engineOptionsKey(), phase.mode(), phase.load(), phase.arrivalRate(), reason == null,
                reason == null ? "" : reason, RowRunner.median(thr), Arrays.stream(thr).min().orElse(0),
                Arrays.stream(thr).max().orElse(0), pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 99.9),
                pct(lat, 99.99), RowRunner.us(lat.getMaxValue()), lat.getTotalCount() == 0 ? 0 : lat.getMean() / 1000.0,
                pct(svc, 50), pct(svc, 99), pct(svc, 99.9),
                RowRunner.median(samples.stream().mapToDouble(IterationSample::cpuNsPerItem).toArray()),
                RowRunner.median(samples.stream().mapToDouble(IterationSample::allocBytesPerItem).toArray()),
                samples.stream().mapToInt(IterationSample::peakThreads).max().orElse(0),
                samples.stream().mapToLong(IterationSample::peakHeapBytes).max().orElse(0), Double.NaN, Double.NaN,
                (int) samples.stream().mapToInt(IterationSample::fork).distinct().count(), samples.size(),
                samples.stream().mapToLong(IterationSample::items).sum());
    }

    /** A summary for a row that produced no phase at all (its fork failed). */
    static SummaryRow failed(RowResult row) {
        RowSpec s = row.spec();
        return new SummaryRow(s.engine(), s.scenario(), row.pattern(), s.profile(), row.parallelism(), row.buffer(),
                s.engineOptionsKey(), "throughput", Double.NaN, 0, false, row.error(), 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, Double.NaN, 0, 0, 0);
    }

    SummaryRow withEfficiency(double speedup, double efficiency) {
        return new SummaryRow(engine, scenario, pattern, profile, parallelism, buffer, engineOptions, mode, load,
                arrivalRate, valid, invalidReason, throughput, throughputMin, throughputMax, p50Us, p90Us, p99Us,
                p999Us, p9999Us, maxUs, meanUs, serviceP50Us, serviceP99Us, serviceP999Us, cpuNsPerItem,
                allocBytesPerItem, peakThreads, peakHeapBytes, speedup, efficiency, forks, iterations, items);
    }

    /** The phase label: throughput, latency@0.50, latency@1000/s, cancel. */
    public String phaseLabel() {
        return PhaseResult.empty(mode, load, arrivalRate).label();
    }

    private static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : RowRunner.us(h.getValueAtPercentile(p));
    }
}
