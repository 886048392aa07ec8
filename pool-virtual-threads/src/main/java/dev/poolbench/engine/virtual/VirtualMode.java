package dev.poolbench.engine.virtual;

import java.util.List;

/**
 * How the {@code virtual} engine runs a stage ({@code virtual.mode}).
 * <ul>
 *   <li>{@link #PER_TASK}: a new virtual thread per accepted item, bounded by Semaphores
 *   (the seed's semaphore pattern); virtual threads are never pooled.</li>
 *   <li>{@link #WORKERS}: {@code parallelism} long-lived virtual threads per stage draining a
 *   bounded queue (the seed's worker pool), for comparison.</li>
 * </ul>
 */
public enum VirtualMode {
    PER_TASK("per-task"),
    WORKERS("workers");

    private final String optionValue;

    VirtualMode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value of {@code virtual.mode} that selects this mode. */
    public String optionValue() {
        return optionValue;
    }

    /** Every value {@code virtual.mode} accepts. */
    public static List<String> optionValues() {
        return List.of(PER_TASK.optionValue, WORKERS.optionValue);
    }

    /** The mode named by a (validated) option value. */
    public static VirtualMode fromOption(String value) {
        for (VirtualMode m : values()) {
            if (m.optionValue.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("engine option '" + VirtualEngine.MODE + "': '" + value
                + "' is invalid; valid values: " + String.join(", ", optionValues()));
    }
}
