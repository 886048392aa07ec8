package dev.poolbench.harness.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an A/A comparison ({@code --aa}) says about the noise of this machine, per metric: the
 * widest excursion of a row's 95 % CI of the median ratio from 1 (the smallest change a verdict
 * could ever resolve here), the spread of the single-round ratios, and a suggested threshold —
 * twice the widest excursion rounded up to a whole percent, at least 2 % — so that an unchanged
 * build is reported unchanged (its CI fits inside ±threshold with room for day-to-day variation)
 * and only a change well beyond the noise is called a regression.
 *
 * @param ciExcursion  max over rows of max(1 − CI low, CI high − 1)
 * @param roundLow     smallest single-round ratio B/A over rows
 * @param roundHigh    largest single-round ratio B/A over rows
 * @param current      the threshold in force
 * @param suggested    the suggested threshold
 */
public record NoiseFloor(Metric metric, int rows, double ciExcursion, double roundLow, double roundHigh,
                         double current, double suggested) {

    public static List<NoiseFloor> of(List<Comparison> comparisons, Thresholds th) {
        Map<String, List<Comparison>> byMetric = new LinkedHashMap<>();
        Map<String, Metric> metrics = new LinkedHashMap<>();
        for (Comparison c : comparisons) {
            if (c.metric() == null || c.ci() == null) {
                continue;
            }
            byMetric.computeIfAbsent(c.metric().name(), k -> new ArrayList<>()).add(c);
            metrics.putIfAbsent(c.metric().name(), c.metric());
        }
        List<NoiseFloor> out = new ArrayList<>();
        byMetric.forEach((name, cs) -> {
            double exc = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Comparison c : cs) {
                exc = Math.max(exc, Math.max(1 - c.ci().low(), c.ci().high() - 1));
                for (double r : c.ratios().length > 0 ? c.ratios() : new double[]{c.ratio()}) {
                    lo = Math.min(lo, r);
                    hi = Math.max(hi, r);
                }
            }
            Metric m = metrics.get(name);
            out.add(new NoiseFloor(m, cs.size(), exc, lo, hi, th.of(m), suggest(exc)));
        });
        return out;
    }

    /** Twice the excursion, rounded up to a whole percent, at least 2 %. */
    static double suggest(double excursion) {
        return Math.max(0.02, Math.ceil(2 * excursion * 100 - 1e-9) / 100);
    }
}
