package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * What one measured pass gathered, filled in as the pass goes, then turned into an
 * {@link IterationSample} and its histograms.
 */
final class PassMeasures {
    long items;
    long windowNanos;
    ThreadCensus.Window cpu;
    long allocatedBytes = -1;
    int peakThreads;
    long peakHeapBytes;
    long startupNanos;
    long closeNanos;
    long scheduled;
    long completedInTime;
    /** Open loop: the schedule's window, the duration its scheduled items were spread over. */
    long scheduleNanos;
    GcPauses.Window gc = new GcPauses.Window(0, 0, 0);
    String reason;
    int warmupPasses;
    final Map<HistogramKind, Histogram> histograms = new EnumMap<>(HistogramKind.class);

    PassMeasures() {
        for (HistogramKind k : HistogramKind.values()) {
            histograms.put(k, PhaseResult.newHistogram());
        }
    }

    Histogram histogram(HistogramKind kind) {
        return histograms.get(kind);
    }

    /** The sample; {@code throughputOverride} replaces items/s when not NaN (cancellations/s). */
    IterationSample toSample(int fork, int iteration, double throughputOverride) {
        Histogram lat = histogram(HistogramKind.LATENCY);
        double seconds = windowNanos / 1e9;
        double throughput = !Double.isNaN(throughputOverride) ? throughputOverride
                : items / Math.max(1e-9, seconds);
        boolean open = scheduled > 0;
        double achieved = open ? completedInTime / Math.max(1e-9, scheduleNanos / 1e9) : Double.NaN;
        boolean saturated = open && completedInTime < 0.98 * scheduled;
        return new IterationSample(fork, iteration, items, windowNanos, throughput, pct(lat, 50), pct(lat, 99),
                pct(lat, 99.9), us(lat.getMaxValue()), pct(histogram(HistogramKind.SERVICE), 99),
                perItem(cpu == null ? -1 : cpu.totalNanos()), group(CpuGroup.ENGINE), group(CpuGroup.GENERATOR),
                group(CpuGroup.GC), group(CpuGroup.JIT), group(CpuGroup.OTHER),
                cpu == null || !cpu.precise() ? -1 : perItem(cpu.engineRunQueueNanos()),
                cpu == null || !cpu.precise() ? -1 : perItem(cpu.engineSwitches()), perItem(allocatedBytes),
                peakThreads, peakHeapBytes, startupNanos / 1e3, closeNanos / 1e3, scheduled, achieved, saturated,
                pct(histogram(HistogramKind.GENERATOR_LAG), 99), us(histogram(HistogramKind.GENERATOR_LAG).getMaxValue()),
                pct(histogram(HistogramKind.ADMISSION_WAIT), 99), pct(histogram(HistogramKind.HICCUP), 99),
                us(histogram(HistogramKind.HICCUP).getMaxValue()), gc.count(), gc.totalMs(), gc.maxMs(),
                warmupPasses, reason == null, reason == null ? "" : reason);
    }

    private double group(CpuGroup g) {
        return cpu == null ? -1 : perItem(cpu.group(g));
    }

    private double perItem(long total) {
        return total < 0 || items <= 0 ? -1 : (double) total / items;
    }

    static double pct(Histogram h, double p) {
        return h.getTotalCount() == 0 ? 0 : us(h.getValueAtPercentile(p));
    }

    static double us(long nanos) {
        return nanos / 1000.0;
    }
}
