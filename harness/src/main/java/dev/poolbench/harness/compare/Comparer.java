package dev.poolbench.harness.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two {@link SampleSet}s row by row and metric by metric. Paired (A/B mode): the i-th
 * values of A and B come from the same round, so the statistic is the median of the per-round
 * ratios B/A with a bootstrap CI of that median. Unpaired (baseline mode): median(B)/median(A),
 * each side resampled on its own. Both use the Mann–Whitney U test of A's samples against B's.
 * The two sides must hold the same rows, or the comparison is refused (input error).
 */
public final class Comparer {

    private Comparer() {
    }

    public static List<Comparison> compare(SampleSet a, SampleSet b, boolean paired, Thresholds th) {
        requireSameRows(a, b);
        List<Comparison> out = new ArrayList<>();
        for (RowSamples ra : a.rows().values()) {
            RowSamples rb = b.rows().get(ra.key());
            if (!ra.valid() || !rb.valid()) {
                out.add(Comparison.invalid(ra, rb));
                continue;
            }
            for (Map.Entry<Metric, double[]> e : ra.values().entrySet()) {
                double[] vb = rb.values().get(e.getKey());
                if (vb == null) {
                    continue; // a metric only one side measured (different versions): nothing to compare
                }
                out.add(compare(ra, e.getKey(), e.getValue(), vb, paired, th));
            }
        }
        return out;
    }

    /** One row and metric. */
    static Comparison compare(RowSamples row, Metric m, double[] a, double[] b, boolean paired, Thresholds th) {
        double t = th.of(m);
        boolean gating = th.gating(m);
        double medA = Statistics.median(a);
        double medB = Statistics.median(b);
        long seed = (row.key() + "/" + m.name()).hashCode();
        if (!usable(a) || !usable(b) || (paired && a.length != b.length)) {
            return new Comparison(row.key(), row.label(), m, gating, t, a.length, b.length, medA, medB, Double.NaN,
                    null, Double.NaN, new double[0], Verdict.INCONCLUSIVE, "no usable samples (missing or ≤ 0)");
        }
        double[] ratios = new double[0];
        double ratio;
        Statistics.Interval ci;
        if (paired) {
            ratios = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                ratios[i] = b[i] / a[i];
            }
            ratio = Statistics.median(ratios);
            ci = Statistics.bootstrapMedianCi(ratios, 0.95, Statistics.RESAMPLES, seed);
        } else {
            ratio = medB / medA;
            ci = Statistics.bootstrapRatioOfMediansCi(a, b, 0.95, Statistics.RESAMPLES, seed);
        }
        double p = Statistics.mannWhitneyP(a, b);
        Verdict v = VerdictRule.decide(m.biggerIsBetter(), t, th.alpha(), a.length, b.length, ratio, ci, p);
        String note = Math.min(a.length, b.length) < VerdictRule.MIN_SAMPLES
                ? "fewer than " + VerdictRule.MIN_SAMPLES + " samples per side" : "";
        if (!gating) {
            note = (note.isEmpty() ? "" : note + "; ") + "informational below " + Thresholds.TAIL_GATING_CORES + " cores";
        }
        return new Comparison(row.key(), row.label(), m, gating, t, a.length, b.length, medA, medB, ratio, ci, p,
                ratios, v, note);
    }

    private static boolean usable(double[] v) {
        return v.length > 0 && Arrays.stream(v).allMatch(x -> x > 0 && Double.isFinite(x));
    }

    /** Differing row sets are an input error naming the rows (up to 10 per side). */
    static void requireSameRows(SampleSet a, SampleSet b) {
        Set<String> onlyA = new TreeSet<>(a.rows().keySet());
        onlyA.removeAll(b.rows().keySet());
        Set<String> onlyB = new TreeSet<>(b.rows().keySet());
        onlyB.removeAll(a.rows().keySet());
        if (onlyA.isEmpty() && onlyB.isEmpty()) {
            return;
        }
        StringBuilder msg = new StringBuilder("the two sides hold different rows (scenario sets differ)");
        describe(msg, a, onlyA);
        describe(msg, b, onlyB);
        throw new IllegalArgumentException(msg.toString());
    }

    private static void describe(StringBuilder msg, SampleSet s, Set<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        List<String> labels = keys.stream().limit(10).map(k -> s.rows().get(k).label()).toList();
        msg.append("; only in ").append(s.source()).append(": ").append(String.join(", ", labels));
        if (keys.size() > 10) {
            msg.append(" and ").append(keys.size() - 10).append(" more");
        }
    }

    /** Counts of gating verdicts, in {@link Verdict} order. */
    public static Map<Verdict, Integer> tally(List<Comparison> cs) {
        Map<Verdict, Integer> m = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        for (Comparison c : cs) {
            if (c.gating()) {
                m.merge(c.verdict(), 1, Integer::sum);
            }
        }
        return m;
    }
}
