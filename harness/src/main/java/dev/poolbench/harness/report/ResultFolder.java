package dev.poolbench.harness.report;

import dev.poolbench.harness.measure.ResultsReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One result folder read back for the report: its manifest, its summary rows, per-iteration
 * samples and latency distributions by row key, and its JMH results when jmh-result.json is
 * there. Reading validates everything the report uses: a missing file or a corrupt line throws
 * {@link IllegalArgumentException} naming the file (and line), which the CLI turns into exit 2.
 */
public final class ResultFolder {

    /** One point of a percentile distribution: x = 1/(1−p), latency in µs. */
    public record Point(double oneOverOneMinusP, double valueUs) {
    }

    private final Path dir;
    private final Map<String, String> manifest;
    private final List<ResultRow> rows = new ArrayList<>();
    private final Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
    private final Map<String, List<Point>> latency = new LinkedHashMap<>();
    private final List<JmhResult> jmh;

    private ResultFolder(Path dir, int run) {
        this.dir = dir;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory (expected a poolbench result folder)");
        }
        for (ResultsReader.Line l : ResultsReader.summary(dir)) {
            rows.add(ResultRow.of(run, l));
        }
        // per fork (the unit of independence): the median of its passes' values
        Map<String, Map<String, Map<String, List<Double>>>> byFork = new LinkedHashMap<>();
        for (ResultsReader.Line l : ResultsReader.samples(dir)) {
            Map<String, Map<String, List<Double>>> byColumn = byFork.computeIfAbsent(l.key(), k -> new LinkedHashMap<>());
            for (String column : new String[]{"throughput_ops_s", "p99_us", "cpu_ns_per_item"}) {
                double v = l.number(column);
                if (!Double.isNaN(v) && v >= 0) {
                    byColumn.computeIfAbsent(column, k -> new LinkedHashMap<>())
                            .computeIfAbsent(l.text("fork"), k -> new ArrayList<>()).add(v);
                }
            }
            l.bool("valid");
        }
        byFork.forEach((key, columns) -> columns.forEach((column, forks) -> {
            List<Double> values = new ArrayList<>();
            forks.values().forEach(v -> values.add(dev.poolbench.harness.compare.Statistics.median(
                    v.stream().mapToDouble(Double::doubleValue).toArray())));
            samples.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(column, values);
        }));
        for (ResultsReader.Line l : ResultsReader.histograms(dir)) {
            if (!"latency".equals(l.text("kind"))) {
                continue;
            }
            double x = l.number("one_over_one_minus_p");
            double v = l.number("value_us");
            if (!Double.isNaN(x) && !Double.isNaN(v)) {
                latency.computeIfAbsent(l.key(), k -> new ArrayList<>()).add(new Point(x, v));
            }
        }
        this.manifest = ResultsReader.manifest(dir);
        Path jmhFile = dir.resolve("jmh-result.json");
        this.jmh = Files.isRegularFile(jmhFile) ? JmhResult.read(jmhFile) : List.of();
    }

    /** Reads folder {@code dir}; {@code run} numbers it among the folders of one report. */
    public static ResultFolder read(Path dir, int run) {
        return new ResultFolder(dir, run);
    }

    public Path dir() {
        return dir;
    }

    public Map<String, String> manifest() {
        return manifest;
    }

    public List<ResultRow> rows() {
        return rows;
    }

    /** One value of {@code column} per fork (the median of its passes) for the row with key {@code key} (empty if none). */
    public double[] samples(String key, String column) {
        List<Double> v = samples.getOrDefault(key, Map.of()).getOrDefault(column, List.of());
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The latency percentile distribution of the row with key {@code key} (empty if none). */
    public List<Point> latency(String key) {
        return latency.getOrDefault(key, List.of());
    }

    public List<JmhResult> jmh() {
        return jmh;
    }
}
