package dev.poolbench.harness.compare;

/**
 * A measured quantity compared between A and B, with the direction that counts as better.
 * {@link Kind} decides which threshold applies and whether the metric can gate (see
 * {@link Thresholds}).
 *
 * @param name           column/metric name shown in the tables and compare.csv
 * @param unit           unit of the values
 * @param biggerIsBetter true for rates (throughput), false for times and costs
 * @param kind           which threshold governs it
 */
public record Metric(String name, String unit, boolean biggerIsBetter, Kind kind) {

    /** Which threshold of {@link Thresholds} a metric uses. */
    public enum Kind {
        THROUGHPUT, P99, CPU, TAIL
    }

    /** Closed-loop items/s: median of a fork's (or one iteration's) throughput. */
    public static final Metric THROUGHPUT = new Metric("throughput", "items/s", true, Kind.THROUGHPUT);
    /** Process CPU time per item, ns. */
    public static final Metric CPU = new Metric("cpu/item", "ns", false, Kind.CPU);
    /** 99th percentile of the open-loop latency (from the intended start), µs. */
    public static final Metric P99 = new Metric("p99", "us", false, Kind.P99);
    /** 99.9th percentile of the same; gates only on 8 cores or more. */
    public static final Metric P999 = new Metric("p99.9", "us", false, Kind.TAIL);
    /** Largest latency of the same; gates only on 8 cores or more. */
    public static final Metric MAX = new Metric("max", "us", false, Kind.TAIL);

    /**
     * A JMH primary score: {@code ops/<time>} is bigger-is-better and uses the throughput
     * threshold; {@code <time>/op} is smaller-is-better and uses the same threshold.
     *
     * @throws IllegalArgumentException for any other unit
     */
    public static Metric jmhScore(String scoreUnit, String where) {
        if (scoreUnit != null && scoreUnit.startsWith("ops/")) {
            return new Metric("score", scoreUnit, true, Kind.THROUGHPUT);
        }
        if (scoreUnit != null && scoreUnit.endsWith("/op")) {
            return new Metric("score", scoreUnit, false, Kind.THROUGHPUT);
        }
        throw new IllegalArgumentException(where + ": scoreUnit '" + scoreUnit
                + "' is neither ops/<time> nor <time>/op");
    }

    /** {@code throughput (items/s) ↑}: the name, unit and better direction. */
    public String label() {
        return name + " (" + unit + ") " + (biggerIsBetter ? "↑" : "↓");
    }
}
