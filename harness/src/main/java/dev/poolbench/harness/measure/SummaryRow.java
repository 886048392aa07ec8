package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One line of {@code summary.csv}: one phase of one engine × scenario × parameters. The fork is
 * the unit of independence (SPEC §5): per fork, throughput and costs are the median over its
 * passes and percentiles come from the fork's merged histogram; the row's figure is the median
 * over forks, with the spread across forks ({@code _min}/{@code _max}) beside it. The measures
 * are kept by their column name ({@link #MEASURES}), in file order.
 */
public record SummaryRow(String engine, String scenario, String pattern, String profile, int parallelism,
                         int buffer, String engineOptions, String mode, double load, double arrivalRate,
                         boolean valid, String invalidReason, boolean saturated, int forks, int iterations,
                         long items, Map<String, Double> values) {

    /** The measure columns of summary.csv, in order. */
    public static final List<String> MEASURES = List.of("throughput_ops_s", "throughput_min_ops_s",
            "throughput_max_ops_s", "p50_us", "p90_us", "p99_us", "p99_min_us", "p99_max_us", "p999_us", "p9999_us",
            "max_us", "mean_us", "service_p50_us", "service_p99_us", "service_p999_us", "cpu_ns_per_item",
            "cpu_min_ns_per_item", "cpu_max_ns_per_item", "cpu_engine_ns_per_item", "cpu_generator_ns_per_item",
            "cpu_gc_ns_per_item", "cpu_jit_ns_per_item", "cpu_other_ns_per_item", "runqueue_wait_ns_per_item",
            "ctx_switches_per_item", "alloc_bytes_per_item", "peak_threads", "peak_heap_mb", "startup_us", "close_us",
            "achieved_rate_ops_s", "generator_lag_p99_us", "generator_lag_max_us", "admission_wait_p99_us",
            "hiccup_p99_us", "hiccup_max_us", "hiccup_control_p99_us", "gc_count", "gc_pause_total_ms",
            "gc_pause_max_ms", "speedup_vs_sequential", "efficiency_vs_sequential");

    /** The summary of one phase of {@code row}. */
    static SummaryRow of(RowResult row, PhaseResult phase) {
        RowSpec s = row.spec();
        List<IterationSample> samples = phase.samples();
        String reason = row.error() != null ? row.error() : phase.invalidReason();
        if (reason == null && samples.isEmpty()) {
            reason = "no measured iteration";
        }
        List<Integer> forks = phase.forks();
        Map<String, Double> v = new LinkedHashMap<>();
        double[] thr = perFork(phase, forks, IterationSample::throughput);
        v.put("throughput_ops_s", median(thr));
        v.put("throughput_min_ops_s", Arrays.stream(thr).min().orElse(Double.NaN));
        v.put("throughput_max_ops_s", Arrays.stream(thr).max().orElse(Double.NaN));
        double[] p99 = forkPercentile(phase, forks, HistogramKind.LATENCY, 99);
        v.put("p50_us", median(forkPercentile(phase, forks, HistogramKind.LATENCY, 50)));
        v.put("p90_us", median(forkPercentile(phase, forks, HistogramKind.LATENCY, 90)));
        v.put("p99_us", median(p99));
        v.put("p99_min_us", Arrays.stream(p99).min().orElse(Double.NaN));
        v.put("p99_max_us", Arrays.stream(p99).max().orElse(Double.NaN));
        v.put("p999_us", median(forkPercentile(phase, forks, HistogramKind.LATENCY, 99.9)));
        v.put("p9999_us", median(forkPercentile(phase, forks, HistogramKind.LATENCY, 99.99)));
        v.put("max_us", median(forkPercentile(phase, forks, HistogramKind.LATENCY, 100)));
        v.put("mean_us", median(forks.stream().mapToDouble(f -> {
            Histogram h = phase.mergedForFork(HistogramKind.LATENCY, f);
            return h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1000.0;
        }).toArray()));
        v.put("service_p50_us", median(forkPercentile(phase, forks, HistogramKind.SERVICE, 50)));
        v.put("service_p99_us", median(forkPercentile(phase, forks, HistogramKind.SERVICE, 99)));
        v.put("service_p999_us", median(forkPercentile(phase, forks, HistogramKind.SERVICE, 99.9)));
        double[] cpu = perFork(phase, forks, IterationSample::cpuNsPerItem);
        v.put("cpu_ns_per_item", median(cpu));
        v.put("cpu_min_ns_per_item", Arrays.stream(cpu).min().orElse(Double.NaN));
        v.put("cpu_max_ns_per_item", Arrays.stream(cpu).max().orElse(Double.NaN));
        v.put("cpu_engine_ns_per_item", median(perFork(phase, forks, IterationSample::cpuEngineNsPerItem)));
        v.put("cpu_generator_ns_per_item", median(perFork(phase, forks, IterationSample::cpuGeneratorNsPerItem)));
        v.put("cpu_gc_ns_per_item", median(perFork(phase, forks, IterationSample::cpuGcNsPerItem)));
        v.put("cpu_jit_ns_per_item", median(perFork(phase, forks, IterationSample::cpuJitNsPerItem)));
        v.put("cpu_other_ns_per_item", median(perFork(phase, forks, IterationSample::cpuOtherNsPerItem)));
        v.put("runqueue_wait_ns_per_item", median(perFork(phase, forks, IterationSample::runqueueWaitNsPerItem)));
        v.put("ctx_switches_per_item", median(perFork(phase, forks, IterationSample::ctxSwitchesPerItem)));
        v.put("alloc_bytes_per_item", median(perFork(phase, forks, IterationSample::allocBytesPerItem)));
        v.put("peak_threads", (double) samples.stream().mapToInt(IterationSample::peakThreads).max().orElse(0));
        v.put("peak_heap_mb", samples.stream().mapToLong(IterationSample::peakHeapBytes).max().orElse(0) / 1048576.0);
        v.put("startup_us", median(perFork(phase, forks, IterationSample::startupUs)));
        v.put("close_us", median(perFork(phase, forks, IterationSample::closeUs)));
        boolean open = phase.mode().equals("latency");
        long saturatedPasses = samples.stream().filter(IterationSample::saturated).count();
        if (open) {
            v.put("achieved_rate_ops_s", median(perFork(phase, forks, IterationSample::achievedRate)));
            v.put("generator_lag_p99_us", median(forkPercentile(phase, forks, HistogramKind.GENERATOR_LAG, 99)));
            v.put("generator_lag_max_us", median(forkPercentile(phase, forks, HistogramKind.GENERATOR_LAG, 100)));
            v.put("admission_wait_p99_us", median(forkPercentile(phase, forks, HistogramKind.ADMISSION_WAIT, 99)));
            v.put("hiccup_p99_us", median(forkPercentile(phase, forks, HistogramKind.HICCUP, 99)));
            v.put("hiccup_max_us", median(forkPercentile(phase, forks, HistogramKind.HICCUP, 100)));
            v.put("hiccup_control_p99_us", median(row.controlHiccups().stream()
                    .mapToDouble(h -> PassMeasures.pct(h, 99)).toArray()));
            v.put("gc_count", median(perForkMean(phase, forks, s2 -> s2.gcCount())));
            v.put("gc_pause_total_ms", median(perForkMean(phase, forks, IterationSample::gcPauseTotalMs)));
            v.put("gc_pause_max_ms", median(forks.stream().mapToDouble(f -> phase.samplesOf(f).stream()
                    .mapToDouble(IterationSample::gcPauseMaxMs).max().orElse(Double.NaN)).toArray()));
        }
        return new SummaryRow(s.engine(), s.scenario(), row.pattern(), s.profile(), row.parallelism(), row.buffer(),
                s.engineOptionsKey(), phase.mode(), phase.load(), phase.arrivalRate(), reason == null,
                reason == null ? "" : reason, open && saturatedPasses * 2 > samples.size(), forks.size(),
                samples.size(), samples.stream().mapToLong(IterationSample::items).sum(), v);
    }

    /** A summary for a row that produced no phase at all (its fork failed). */
    static SummaryRow failed(RowResult row) {
        RowSpec s = row.spec();
        return new SummaryRow(s.engine(), s.scenario(), row.pattern(), s.profile(), row.parallelism(), row.buffer(),
                s.engineOptionsKey(), "throughput", Double.NaN, 0, false, row.error(), false, 0, 0, 0,
                new LinkedHashMap<>());
    }

    SummaryRow withEfficiency(double speedup, double efficiency) {
        Map<String, Double> v = new LinkedHashMap<>(values);
        v.put("speedup_vs_sequential", speedup);
        v.put("efficiency_vs_sequential", efficiency);
        return new SummaryRow(engine, scenario, pattern, profile, parallelism, buffer, engineOptions, mode, load,
                arrivalRate, valid, invalidReason, saturated, forks, iterations, items, v);
    }

    /** The measure in column {@code name}, NaN when not measured. */
    public double value(String name) {
        Double d = values.get(name);
        return d == null ? Double.NaN : d;
    }

    public double throughput() {
        return value("throughput_ops_s");
    }

    public double throughputMin() {
        return value("throughput_min_ops_s");
    }

    public double throughputMax() {
        return value("throughput_max_ops_s");
    }

    public double p50Us() {
        return value("p50_us");
    }

    public double p99Us() {
        return value("p99_us");
    }

    public double p999Us() {
        return value("p999_us");
    }

    public double cpuNsPerItem() {
        return value("cpu_ns_per_item");
    }

    /** The phase label: throughput, latency@0.50, latency@1000/s, cancel. */
    public String phaseLabel() {
        return PhaseResult.empty(mode, load, arrivalRate).label();
    }

    /** Per fork: the median over its passes (negative values mean "unknown" and are skipped). */
    private static double[] perFork(PhaseResult phase, List<Integer> forks, ToDoubleFunction<IterationSample> f) {
        return forks.stream().mapToDouble(k -> median(phase.samplesOf(k).stream().mapToDouble(f)
                .filter(x -> x >= 0 && !Double.isNaN(x)).toArray())).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double[] perForkMean(PhaseResult phase, List<Integer> forks, ToDoubleFunction<IterationSample> f) {
        return forks.stream().mapToDouble(k -> phase.samplesOf(k).stream().mapToDouble(f).average()
                .orElse(Double.NaN)).filter(x -> !Double.isNaN(x)).toArray();
    }

    /** Per fork: percentile {@code p} (100 = max) of the fork's merged histogram of {@code kind}, µs. */
    private static double[] forkPercentile(PhaseResult phase, List<Integer> forks, HistogramKind kind, double p) {
        return forks.stream().mapToDouble(f -> {
            Histogram h = phase.mergedForFork(kind, f);
            if (h.getTotalCount() == 0) {
                return Double.NaN;
            }
            return p >= 100 ? h.getMaxValue() / 1000.0 : h.getValueAtPercentile(p) / 1000.0;
        }).filter(x -> !Double.isNaN(x)).toArray();
    }

    /** The median, NaN for no value. */
    static double median(double[] values) {
        return values.length == 0 ? Double.NaN : RowRunner.median(values);
    }
}
