package dev.poolbench.harness.compare;

/**
 * The relative changes that count, and the significance level: a change of B against A within
 * ±threshold is "unchanged"; beyond it on the worse side it is a regression (when the evidence
 * is strong enough, see {@link VerdictRule}). p99.9 and max ({@link Metric.Kind#TAIL}) are
 * informational — shown with a verdict, never gating — on machines with fewer than
 * {@link #TAIL_GATING_CORES} cores, where one descheduling decides them.
 *
 * @param throughput relative throughput drop that matters (0.10 = −10 %)
 * @param p99        relative p99 rise that matters (0.25 = +25 %)
 * @param cpu        relative CPU-per-item rise that matters (0.15 = +15 %)
 * @param tail       relative p99.9/max rise that matters where they gate
 * @param alpha      significance level of the Mann–Whitney test
 * @param cores      the cores of the machine the samples came from (the fewer of both sides')
 */
public record Thresholds(double throughput, double p99, double cpu, double tail, double alpha, int cores) {

    public static final double DEFAULT_THROUGHPUT = 0.10;
    public static final double DEFAULT_P99 = 0.25;
    public static final double DEFAULT_CPU = 0.15;
    public static final double DEFAULT_TAIL = 0.50;
    public static final double DEFAULT_ALPHA = 0.01;
    /** p99.9 and max gate only from this many cores on. */
    public static final int TAIL_GATING_CORES = 8;

    public Thresholds {
        check("--threshold-throughput", throughput);
        check("--threshold-p99", p99);
        check("--threshold-cpu", cpu);
        check("--threshold-tail", tail);
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("--alpha " + alpha + ": expected a probability in (0, 1)");
        }
    }

    /** The defaults of SPEC §8 for a machine with {@code cores} cores. */
    public static Thresholds defaults(int cores) {
        return new Thresholds(DEFAULT_THROUGHPUT, DEFAULT_P99, DEFAULT_CPU, DEFAULT_TAIL, DEFAULT_ALPHA, cores);
    }

    public double of(Metric m) {
        return switch (m.kind()) {
            case THROUGHPUT -> throughput;
            case P99 -> p99;
            case CPU -> cpu;
            case TAIL -> tail;
        };
    }

    /** Whether a verdict on {@code m} can fail the comparison. */
    public boolean gating(Metric m) {
        return m.kind() != Metric.Kind.TAIL || cores >= TAIL_GATING_CORES;
    }

    public Thresholds withCores(int c) {
        return new Thresholds(throughput, p99, cpu, tail, alpha, c);
    }

    private static void check(String option, double t) {
        if (!(t > 0 && t < 1)) {
            throw new IllegalArgumentException(option + " " + t + ": expected a fraction in (0, 1), e.g. 0.10 for 10 %");
        }
    }
}
