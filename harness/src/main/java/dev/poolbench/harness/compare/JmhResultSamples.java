package dev.poolbench.harness.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Baseline mode's reader for JMH's {@code -rf json} output: one row per benchmark × params ×
 * mode, its samples the primary metric's {@code rawData} (every iteration of every fork), its
 * direction from {@code scoreUnit} ({@code ops/<time>} bigger is better, {@code <time>/op}
 * smaller). Secondary metrics are not compared. Anything missing or malformed is an
 * {@link IllegalArgumentException} naming the file and line.
 */
public final class JmhResultSamples {

    private JmhResultSamples() {
    }

    public static SampleSet read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage());
        }
        Object root = Json.parse(text, file);
        if (!(root instanceof Json.Arr benchmarks)) {
            throw new IllegalArgumentException(file + ":1: expected a JSON array of benchmark results (JMH -rf json)");
        }
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException(file + ":" + benchmarks.line + ": no benchmark results");
        }
        List<RowSamples> rows = new ArrayList<>();
        for (Object o : benchmarks) {
            if (!(o instanceof Json.Obj b)) {
                throw new IllegalArgumentException(file + ":" + benchmarks.line + ": expected an object per benchmark");
            }
            String where = file + ":" + b.line;
            String benchmark = text(b, "benchmark", where);
            String mode = text(b, "mode", where);
            Map<String, String> params = new TreeMap<>();
            if (b.get("params") instanceof Json.Obj p) {
                p.forEach((k, v) -> params.put(k, String.valueOf(v)));
            }
            if (!(b.get("primaryMetric") instanceof Json.Obj pm)) {
                throw new IllegalArgumentException(where + ": benchmark " + benchmark + " has no primaryMetric object");
            }
            String pmWhere = file + ":" + pm.line;
            Metric metric = Metric.jmhScore(text(pm, "scoreUnit", pmWhere), pmWhere);
            if (!(pm.get("rawData") instanceof Json.Arr raw)) {
                throw new IllegalArgumentException(pmWhere + ": benchmark " + benchmark + " (mode " + mode
                        + ") has no primaryMetric.rawData (sample-time mode is not supported; use thrpt or avgt)");
            }
            List<Double> values = new ArrayList<>();
            for (Object forkData : raw) {
                if (!(forkData instanceof Json.Arr its)) {
                    throw new IllegalArgumentException(file + ":" + raw.line + ": rawData must be an array of arrays");
                }
                for (Object v : its) {
                    if (!(v instanceof Double d)) {
                        throw new IllegalArgumentException(file + ":" + its.line + ": rawData value " + v
                                + " is not a number");
                    }
                    values.add(d);
                }
            }
            StringBuilder label = new StringBuilder(benchmark);
            if (!params.isEmpty()) {
                label.append(params.toString().replace(", ", ","));
            }
            label.append(' ').append(mode);
            rows.add(new RowSamples(label.toString(), label.toString(),
                    Map.of(metric, values.stream().mapToDouble(Double::doubleValue).toArray()), null));
        }
        return SampleSet.of(file.toString(), rows, Map.of());
    }

    private static String text(Json.Obj o, String name, String where) {
        if (!(o.get(name) instanceof String s)) {
            throw new IllegalArgumentException(where + ": member '" + name + "' missing or not a string");
        }
        return s;
    }
}
