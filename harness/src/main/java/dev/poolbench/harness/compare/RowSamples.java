package dev.poolbench.harness.compare;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side's samples of one row (one phase of engine × scenario × parameters, or one JMH
 * benchmark × params): per metric the values in order — one per round in A/B mode (so A's i-th
 * and B's i-th value are a pair), one per iteration in baseline mode — or the reason the row is
 * invalid.
 *
 * @param key           matches rows across sides ({@code ResultsReader.Line.key()} format, or benchmark + params)
 * @param label         what the tables show
 * @param values        metric → samples, in a stable order
 * @param invalidReason null when valid
 */
public record RowSamples(String key, String label, Map<Metric, double[]> values, String invalidReason) {

    public RowSamples {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public boolean valid() {
        return invalidReason == null;
    }
}
