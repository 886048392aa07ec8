package dev.poolbench.harness.compare;

/** The outcome for one row and metric. Only {@link #REGRESSED} (and, on request, {@link #INCONCLUSIVE}) fails a gate. */
public enum Verdict {
    IMPROVED, UNCHANGED, REGRESSED, INCONCLUSIVE,
    /** The row's oracle check failed (or its fork died) on either side: no statistics, never ranked. */
    INVALID;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
