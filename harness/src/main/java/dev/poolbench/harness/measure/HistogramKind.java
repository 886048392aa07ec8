package dev.poolbench.harness.measure;

import java.util.Locale;

/**
 * The distributions a measured pass records, each in its own histogram (ns), never mixed:
 * latency from the intended start, service time from the actual submit, the generator's own
 * lag, the admission wait inside {@code submit}, and the hiccup meter's stalls.
 */
public enum HistogramKind {
    LATENCY, SERVICE, GENERATOR_LAG, ADMISSION_WAIT, HICCUP;

    /** The name in files: {@code latency}, {@code generator_lag}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static HistogramKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
