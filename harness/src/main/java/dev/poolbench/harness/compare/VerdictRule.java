package dev.poolbench.harness.compare;

/**
 * The verdict rule, one place, documented in the Markdown legend and the README.
 *
 * <p>With {@code r} = B/A, {@code t} the metric's threshold, the <em>regression bound</em> is
 * {@code 1 − t} for bigger-is-better metrics and {@code 1 + t} for smaller-is-better ones (the
 * improvement bound mirrors it). Given the median ratio {@code m}, its 95 % bootstrap CI
 * {@code [lo, hi]} and the Mann–Whitney p-value:
 * <ol>
 *   <li>fewer than {@link #MIN_SAMPLES} samples on either side → <b>inconclusive</b>;</li>
 *   <li><b>regressed</b> when the whole CI lies beyond the regression bound, or when {@code m}
 *       lies beyond it, p &lt; α, and the CI excludes 1 (no change) on the worse side;</li>
 *   <li><b>improved</b>: the mirror image on the better side;</li>
 *   <li><b>unchanged</b> when the whole CI lies strictly within {@code (1 − t, 1 + t)};</li>
 *   <li><b>inconclusive</b> otherwise (the data can neither rule a change beyond {@code t} in
 *       nor out).</li>
 * </ol>
 * A shift must therefore be both larger than the threshold and well supported (all of the CI,
 * or the median with a significant rank test) to be called; noise widens the CI and yields
 * "inconclusive", not a false alarm.
 */
public final class VerdictRule {

    /** Fewest samples (rounds, or iterations in baseline mode) per side for any verdict but inconclusive. */
    public static final int MIN_SAMPLES = 5;

    private VerdictRule() {
    }

    public static Verdict decide(boolean biggerIsBetter, double threshold, double alpha, int nA, int nB,
                                 double medianRatio, Statistics.Interval ci, double p) {
        if (Math.min(nA, nB) < MIN_SAMPLES || Double.isNaN(medianRatio) || ci == null || Double.isNaN(ci.low())
                || Double.isNaN(ci.high()) || Double.isInfinite(ci.high())) {
            return Verdict.INCONCLUSIVE;
        }
        double worseBound = biggerIsBetter ? 1 - threshold : 1 + threshold;
        double betterBound = biggerIsBetter ? 1 + threshold : 1 - threshold;
        // the CI end nearest to "no change or better", and nearest to "no change or worse"
        double ciBestEnd = biggerIsBetter ? ci.high() : ci.low();
        double ciWorstEnd = biggerIsBetter ? ci.low() : ci.high();
        if (beyond(ciBestEnd, worseBound, biggerIsBetter)
                || (beyond(medianRatio, worseBound, biggerIsBetter) && p < alpha
                && beyond(ciBestEnd, 1, biggerIsBetter))) {
            return Verdict.REGRESSED;
        }
        if (beyond(ciWorstEnd, betterBound, !biggerIsBetter)
                || (beyond(medianRatio, betterBound, !biggerIsBetter) && p < alpha
                && beyond(ciWorstEnd, 1, !biggerIsBetter))) {
            return Verdict.IMPROVED;
        }
        if (ci.low() > 1 - threshold && ci.high() < 1 + threshold) {
            return Verdict.UNCHANGED;
        }
        return Verdict.INCONCLUSIVE;
    }

    /** Whether {@code x} lies strictly on the worse side of {@code bound} ("worse" = below when bigger is better). */
    private static boolean beyond(double x, double bound, boolean biggerIsBetter) {
        return biggerIsBetter ? x < bound : x > bound;
    }

    /** The rule in one paragraph, for the Markdown legend. */
    public static String legend() {
        return "r = B/A per round (A/B mode) or median(B)/median(A) (baseline mode); CI = 95 % percentile bootstrap "
                + "of the median ratio; p = two-sided Mann–Whitney U of A's vs B's samples. With threshold t, the "
                + "regression bound is 1 − t for ↑ metrics and 1 + t for ↓ metrics. **regressed**: the whole CI lies "
                + "beyond the regression bound, or the median ratio does with p < α and a CI that excludes 1. "
                + "**improved**: the mirror image. **unchanged**: the whole CI lies within (1 − t, 1 + t). "
                + "**inconclusive**: anything else, or fewer than " + MIN_SAMPLES + " samples per side. "
                + "**invalid**: an oracle check failed or a fork died on either side.";
    }
}
