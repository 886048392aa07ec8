package dev.poolbench.harness.report;

import java.util.Optional;

/**
 * The three figures a recommendation ranks configurations by: throughput (higher is better),
 * p99 latency and CPU per item (lower is better), each with the summary.csv row it is read from
 * and the samples.csv column its per-iteration values come from.
 */
public enum Metric {
    THROUGHPUT("throughput", "items/s", true, "throughput_ops_s"),
    P99("p99", "µs", false, "p99_us"),
    CPU("CPU per item", "ns/item", false, "cpu_ns_per_item");

    private final String words;
    private final String unit;
    private final boolean higherIsBetter;
    private final String samplesColumn;

    Metric(String words, String unit, boolean higherIsBetter, String samplesColumn) {
        this.words = words;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.samplesColumn = samplesColumn;
    }

    public String words() {
        return words;
    }

    public String unit() {
        return unit;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String samplesColumn() {
        return samplesColumn;
    }

    /**
     * The row this metric is read from: the primary row for throughput and CPU; for p99 the
     * latency row of {@code latencyPhase}, or the primary row when the workload has no latency
     * phase (the cancellation scenario: cancel-to-last-thread time).
     */
    public Optional<ResultRow> row(ConfigResult c, String latencyPhase) {
        if (this == P99 && latencyPhase != null) {
            return c.latency(latencyPhase);
        }
        return c.primary();
    }

    /** The metric's value for {@code c}, NaN when it has none. */
    public double value(ConfigResult c, String latencyPhase) {
        return row(c, latencyPhase).map(this::of).filter(v -> !Double.isNaN(v) && v >= 0).orElse(Double.NaN);
    }

    double of(ResultRow r) {
        return switch (this) {
            case THROUGHPUT -> r.throughput();
            case P99 -> r.saturated() ? Double.NaN : r.p99Us(); // a saturated row is never ranked on latency
            case CPU -> r.cpuNsPerItem();
        };
    }

    /** True when {@code a} is strictly better than {@code b}. */
    public boolean better(double a, double b) {
        return higherIsBetter ? a > b : a < b;
    }
}
