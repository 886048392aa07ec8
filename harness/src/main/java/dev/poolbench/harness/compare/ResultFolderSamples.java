package dev.poolbench.harness.compare;

import dev.poolbench.harness.measure.ResultsReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Baseline mode's reader for a poolbench result folder: samples.csv and manifest.csv. Throughput
 * phases give throughput and CPU/item, latency and cancel phases p99, p99.9 and max. The fork
 * is the unit of independence: when every row has at least {@value #MIN_FORKS} forks, a sample
 * is one fork's value (the median of its passes); otherwise the folder falls back to one sample
 * per measured pass, labelled "iterations, not independent". Malformed files are named by file and line
 * (through {@link ResultsReader}); a folder without manifest.csv reads with an empty manifest.
 */
public final class ResultFolderSamples {

    static final int MIN_FORKS = 3;

    private ResultFolderSamples() {
    }

    public static SampleSet read(Path dir) {
        List<ResultsReader.Line> lines = ResultsReader.samples(dir);
        Map<String, Map<Metric, Map<String, List<Double>>>> values = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (ResultsReader.Line l : lines) {
            String key = l.key();
            String mode = l.text("mode");
            labels.putIfAbsent(key, RowLabels.label(l.text("engine"), l.text("scenario"), l.text("profile"),
                    l.text("parallelism"), l.text("buffer"), l.text("engine_options"), mode, l.text("load")));
            Map<Metric, Map<String, List<Double>>> m = values.computeIfAbsent(key, k -> new LinkedHashMap<>());
            boolean valid = l.bool("valid");
            if (!valid && !invalid.containsKey(key)) {
                String why = l.text("invalid_reason");
                invalid.put(key, (why == null || why.isEmpty() ? "invalid" : why) + " (" + l.file().getFileName()
                        + ":" + l.line() + ")");
            }
            for (Metric metric : RowLabels.metricsOf(mode)) {
                String column = metric == Metric.THROUGHPUT ? "throughput_ops_s"
                        : metric == Metric.CPU ? "cpu_ns_per_item"
                        : metric == Metric.P99 ? "p99_us" : metric == Metric.P999 ? "p999_us" : "max_us";
                double v = l.number(column);
                if (Double.isNaN(v) && valid) {
                    throw new IllegalArgumentException(l.file() + ":" + l.line() + ": column " + column
                            + " is empty on a valid line");
                }
                m.computeIfAbsent(metric, k -> new LinkedHashMap<>()).computeIfAbsent(l.text("fork"),
                        k -> new ArrayList<>()).add(v);
            }
        }
        boolean byFork = !values.isEmpty() && values.values().stream().flatMap(m -> m.values().stream())
                .allMatch(forks -> forks.size() >= MIN_FORKS);
        List<RowSamples> rows = new ArrayList<>();
        values.forEach((key, m) -> {
            Map<Metric, double[]> arrays = new LinkedHashMap<>();
            m.forEach((metric, forks) -> arrays.put(metric, byFork
                    ? forks.values().stream().mapToDouble(v -> Statistics.median(v.stream()
                            .mapToDouble(Double::doubleValue).toArray())).toArray()
                    : forks.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray()));
            rows.add(new RowSamples(key, labels.get(key), arrays, invalid.get(key)));
        });
        Map<String, String> manifest = Files.isRegularFile(dir.resolve("manifest.csv")) ? ResultsReader.manifest(dir)
                : Map.of();
        return SampleSet.of(dir.toString(), rows, manifest, byFork ? "forks (median of each fork's passes)"
                : "iterations, not independent (fewer than " + MIN_FORKS + " forks per row)");
    }
}
