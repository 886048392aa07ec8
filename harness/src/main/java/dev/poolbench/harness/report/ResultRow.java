package dev.poolbench.harness.report;

import dev.poolbench.harness.measure.ResultsReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a folder's summary.csv, typed: a phase ({@code throughput}, {@code latency} at a
 * load point or arrival rate, {@code cancel}) of one configuration on one workload. Every number
 * is parsed when the row is built, so a corrupt cell is reported with its file and line before
 * anything is written.
 *
 * @param source "summary.csv:12" style origin, for the invalid-rows table
 * @param key    the row key shared with samples.csv and histograms.csv ({@link ResultsReader.Line#key()})
 */
public record ResultRow(Config config, Workload workload, String mode, double load, double arrivalRate,
                        boolean valid, String invalidReason, boolean saturated, double throughput, double throughputMin,
                        double throughputMax, double p50Us, double p90Us, double p99Us, double p999Us, double maxUs,
                        double cpuNsPerItem, double allocBytesPerItem, double peakThreads,
                        double speedupVsSequential, int iterations, String source, String key,
                        Map<String, Double> measures) {

    /** The attribution and cost columns the report prints beside the headline figures (NaN when empty). */
    static final List<String> EXTRA = List.of("service_p99_us", "generator_lag_p99_us", "admission_wait_p99_us",
            "hiccup_p99_us", "hiccup_control_p99_us", "gc_count", "gc_pause_total_ms", "gc_pause_max_ms",
            "achieved_rate_ops_s", "cpu_engine_ns_per_item", "cpu_generator_ns_per_item", "cpu_gc_ns_per_item",
            "cpu_jit_ns_per_item", "cpu_other_ns_per_item", "p99_min_us", "p99_max_us", "forks");

    static ResultRow of(int run, ResultsReader.Line l) {
        Config c = new Config(run, l.text("engine"), (int) integer(l, "parallelism"), (int) integer(l, "buffer"),
                l.text("engine_options"));
        return new ResultRow(c, new Workload(l.text("scenario"), l.text("profile")), mode(l), l.number("load"),
                l.number("arrival_rate_ops_s"), l.bool("valid"), l.text("invalid_reason"), l.bool("saturated"),
                l.number("throughput_ops_s"), l.number("throughput_min_ops_s"), l.number("throughput_max_ops_s"),
                l.number("p50_us"), l.number("p90_us"), l.number("p99_us"), l.number("p999_us"), l.number("max_us"),
                l.number("cpu_ns_per_item"), l.number("alloc_bytes_per_item"), l.number("peak_threads"),
                l.number("speedup_vs_sequential"), (int) integer(l, "iterations"),
                l.file().getFileName() + ":" + l.line(), l.key(), extra(l));
    }

    private static Map<String, Double> extra(ResultsReader.Line l) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String column : EXTRA) {
            m.put(column, l.number(column));
        }
        return m;
    }

    /** One of the {@link #EXTRA} columns; NaN when the cell is empty. */
    public double measure(String column) {
        Double v = measures.get(column);
        if (v == null) {
            throw new IllegalArgumentException("report: column " + column + " is not read (expected one of " + EXTRA + ")");
        }
        return v;
    }

    private static String mode(ResultsReader.Line l) {
        String m = l.text("mode");
        if (!m.equals("throughput") && !m.equals("latency") && !m.equals("cancel")) {
            throw new IllegalArgumentException(l.file() + ":" + l.line() + ": column mode: '" + m
                    + "' is not throughput, latency or cancel");
        }
        return m;
    }

    private static double integer(ResultsReader.Line l, String column) {
        double v = l.number(column);
        if (Double.isNaN(v) || v != Math.rint(v)) {
            throw new IllegalArgumentException(l.file() + ":" + l.line() + ": column " + column + ": '"
                    + l.text(column) + "' is not a whole number");
        }
        return v;
    }

    /** The phase as a label: throughput, latency@0.50, latency@2000/s, cancel. */
    public String phase() {
        if (mode.equals("latency")) {
            return !Double.isNaN(load) ? String.format(Locale.ROOT, "latency@%.2f", load)
                    : String.format(Locale.ROOT, "latency@%.0f/s", arrivalRate);
        }
        return mode;
    }

    /** The phase in words: "50% load", "2,000/s", "closed loop", "cancel". */
    public String phaseWords() {
        return switch (mode) {
            case "latency" -> !Double.isNaN(load) ? String.format(Locale.ROOT, "%,.0f/s offered (%.0f%% of the "
                    + "slowest engine's saturation)", arrivalRate, load * 100)
                    : String.format(Locale.ROOT, "%,.0f/s offered", arrivalRate);
            case "cancel" -> "cancel";
            default -> "closed loop";
        };
    }

    /** The throughput phase, or the cancel row of the cancellation scenario. */
    public boolean primary() {
        return !mode.equals("latency");
    }
}
