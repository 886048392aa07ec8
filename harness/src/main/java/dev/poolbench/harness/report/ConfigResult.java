package dev.poolbench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything one configuration measured on one workload: its primary row (closed-loop
 * throughput, or the cancel row of the cancellation scenario) and its latency rows ordered by
 * offered rate. A configuration is valid only when every one of its rows is: one failed oracle
 * check makes all its numbers suspect, so it is never ranked nor drawn.
 */
public final class ConfigResult {

    private final Config config;
    private final ResultFolder folder;
    private final List<ResultRow> rows = new ArrayList<>();

    ConfigResult(Config config, ResultFolder folder) {
        this.config = config;
        this.folder = folder;
    }

    void add(ResultRow row) {
        rows.add(row);
    }

    public Config config() {
        return config;
    }

    public ResultFolder folder() {
        return folder;
    }

    public List<ResultRow> rows() {
        return rows;
    }

    public boolean valid() {
        return rows.stream().allMatch(ResultRow::valid);
    }

    public Optional<ResultRow> primary() {
        return rows.stream().filter(ResultRow::primary).findFirst();
    }

    /** Latency rows by offered rate (load fraction when the rate is missing). */
    public List<ResultRow> latencyRows() {
        return rows.stream().filter(r -> r.mode().equals("latency"))
                .sorted(Comparator.comparingDouble((ResultRow r) -> Double.isNaN(r.arrivalRate()) ? r.load() : r.arrivalRate()))
                .toList();
    }

    /** The latency row of phase {@code phase} (e.g. latency@0.50). */
    public Optional<ResultRow> latency(String phase) {
        return rows.stream().filter(r -> r.phase().equals(phase)).findFirst();
    }

    /** Per-iteration values of {@code column} behind {@code row}. */
    public double[] samples(ResultRow row, String column) {
        return folder.samples(row.key(), column);
    }
}
