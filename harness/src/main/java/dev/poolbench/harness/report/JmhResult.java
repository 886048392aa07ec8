package dev.poolbench.harness.report;

import dev.poolbench.harness.compare.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark of a JMH {@code jmh-result.json} (JMH's JSON result format): benchmark, mode,
 * parameters (as one line, and by name), primary score with its error and unit. A malformed file
 * is reported with its line and column.
 */
public record JmhResult(String benchmark, String mode, String params, double score, double error, String unit,
                        Map<String, String> paramValues) {

    /** Reads every entry of {@code file}. */
    public static List<JmhResult> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage());
        }
        Object root = Json.parse(text, file);
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ":1: expected a JSON array of JMH results");
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("primaryMetric") instanceof Map<?, ?> pm)) {
                throw new IllegalArgumentException(file + ": entry " + (out.size() + 1)
                        + " has no primaryMetric (not a JMH result file?)");
            }
            Map<String, String> values = new TreeMap<>();
            if (m.get("params") instanceof Map<?, ?> p) {
                p.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
            }
            String params = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            out.add(new JmhResult(String.valueOf(m.get("benchmark")), String.valueOf(m.get("mode")), params,
                    number(pm.get("score")), number(pm.get("scoreError")), String.valueOf(pm.get("scoreUnit")),
                    Map.copyOf(values)));
        }
        return out;
    }

    private static double number(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) { // JMH writes "NaN" as a string
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }
}
