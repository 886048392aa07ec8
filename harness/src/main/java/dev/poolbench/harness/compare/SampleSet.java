package dev.poolbench.harness.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one side of a comparison measured: its rows by key (in the order they were
 * produced) and the manifest of the environment they came from (empty when unknown, e.g. JMH).
 *
 * @param source what the samples came from (a folder, a file, "A"), for messages
 * @param unit   what one sample is: "forks", "iterations, not independent", "JMH iterations", …
 */
public record SampleSet(String source, Map<String, RowSamples> rows, Map<String, String> manifest, String unit) {

    public SampleSet {
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        manifest = Map.copyOf(manifest);
    }

    public static SampleSet of(String source, List<RowSamples> rows, Map<String, String> manifest) {
        return of(source, rows, manifest, "forks");
    }

    public static SampleSet of(String source, List<RowSamples> rows, Map<String, String> manifest, String unit) {
        Map<String, RowSamples> m = new LinkedHashMap<>();
        for (RowSamples r : rows) {
            if (m.put(r.key(), r) != null) {
                throw new IllegalArgumentException(source + ": row " + r.label() + " appears twice");
            }
        }
        return new SampleSet(source, m, manifest, unit);
    }
}
