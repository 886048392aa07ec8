package dev.poolbench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the {@link Recommendation} of each workload from the valid configurations only (an
 * invalid row never ranks). The runner-up a winner is compared with is the best configuration
 * of another engine (of the same engine when only one engine is valid); the margin is the ratio
 * of the two summary figures (for throughput and CPU/item these are the medians over
 * iterations; for p99 the p99 of the merged histograms); significance comes from the two
 * configurations' per-iteration samples ({@link Significance}).
 */
public final class Recommender {

    private Recommender() {
    }

    public static List<Recommendation> recommend(ReportData data) {
        List<Recommendation> out = new ArrayList<>();
        for (Workload w : data.workloads()) {
            out.add(recommend(data, w));
        }
        return out;
    }

    static Recommendation recommend(ReportData data, Workload w) {
        List<ConfigResult> valid = data.validConfigs(w);
        List<String> notes = new ArrayList<>();
        long invalid = data.configs(w).size() - valid.size();
        if (invalid > 0) {
            notes.add(invalid + " configuration(s) with invalid rows left out of the ranking (see Invalid rows).");
        }
        String phase = latencyPhase(valid);
        String phaseWords = phase == null ? null : valid.stream().map(c -> c.latency(phase)).flatMap(Optional::stream)
                .findFirst().map(ResultRow::phaseWords).orElse(phase);
        boolean cancel = valid.stream().anyMatch(c -> c.primary().map(r -> r.mode().equals("cancel")).orElse(false));
        long saturated = phase == null ? 0 : valid.stream().map(c -> c.latency(phase)).flatMap(Optional::stream)
                .filter(ResultRow::saturated).count();
        if (saturated > 0) {
            notes.add(saturated + " configuration(s) saturated at " + phaseWords + " (fewer than 98 % of the "
                    + "scheduled items completed in time): shown, not ranked on p99.");
        }
        if (phase == null && !valid.isEmpty()) {
            notes.add(cancel ? "p99 here is the time from cancel() until the last engine thread is gone; "
                    + "throughput is cancellations/s."
                    : "No latency phase: p99 is the closed-loop latency from submit.");
        }
        List<Recommendation.Verdict> verdicts = new ArrayList<>();
        if (valid.isEmpty()) {
            notes.add("No valid configuration: nothing to recommend.");
        } else {
            for (Metric m : Metric.values()) {
                verdict(data, w, valid, m, phase, phaseWords).ifPresent(verdicts::add);
            }
        }
        return new Recommendation(w, phase, phaseWords, verdicts, pareto(valid, phase), notes);
    }

    /** The latency phase most valid configurations have; ties go to the load nearest 50 %. */
    static String latencyPhase(List<ConfigResult> valid) {
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, Double> load = new LinkedHashMap<>();
        for (ConfigResult c : valid) {
            for (ResultRow r : c.latencyRows()) {
                count.merge(r.phase(), 1, Integer::sum);
                load.putIfAbsent(r.phase(), Double.isNaN(r.load()) ? 0.5 : r.load());
            }
        }
        return count.keySet().stream().max(Comparator.comparingInt((String p) -> count.get(p))
                .thenComparingDouble(p -> -Math.abs(load.get(p) - 0.5))).orElse(null);
    }

    private static Optional<Recommendation.Verdict> verdict(ReportData data, Workload w, List<ConfigResult> valid,
                                                            Metric m, String phase, String phaseWords) {
        List<ConfigResult> ranked = rank(valid, m, phase);
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        boolean runs = data.severalRuns();
        ConfigResult win = ranked.get(0);
        double wv = m.value(win, phase);
        ConfigResult runner = ranked.stream().skip(1)
                .filter(c -> !c.config().engine().equals(win.config().engine())).findFirst()
                .orElse(ranked.size() > 1 ? ranked.get(1) : null);
        String what = switch (m) {
            case THROUGHPUT -> "wins throughput";
            case P99 -> "wins p99" + (phaseWords == null ? "" : " at " + phaseWords);
            case CPU -> "wins CPU per item";
        };
        String head = w.title() + ": " + win.config().label(runs) + " " + what;
        if (runner == null) {
            return Optional.of(new Recommendation.Verdict(m, win, wv, null, Double.NaN, Double.NaN,
                    new Significance(false, Double.NaN, "no other configuration to compare with"),
                    head + " (" + Fmt.num(wv) + " " + m.unit() + "; the only valid configuration)"));
        }
        double rv = m.value(runner, phase);
        double margin = m.higherIsBetter() ? wv / rv : rv / wv;
        Significance sig = Significance.of(samples(win, m, phase), samples(runner, m, phase));
        String sentence = head + " by " + Fmt.ratio(margin) + " over " + runner.config().label(runs) + ": "
                + Fmt.num(wv) + " vs " + Fmt.num(rv) + " " + m.unit() + ", " + sig.words();
        return Optional.of(new Recommendation.Verdict(m, win, wv, runner, rv, margin, sig, sentence));
    }

    /** Valid configurations that have metric {@code m}, best first. */
    static List<ConfigResult> rank(List<ConfigResult> valid, Metric m, String phase) {
        Comparator<ConfigResult> byValue = Comparator.comparingDouble(c -> m.value(c, phase));
        return valid.stream().filter(c -> !Double.isNaN(m.value(c, phase)))
                .sorted(m.higherIsBetter() ? byValue.reversed() : byValue).toList();
    }

    /** The per-fork values of {@code m} behind {@code c}'s figure. */
    static double[] samples(ConfigResult c, Metric m, String phase) {
        return m.row(c, phase).map(r -> c.samples(r, m.samplesColumn())).orElse(new double[0]);
    }

    /**
     * The configurations no other beats on all figures: B dominates A when B is at least as good
     * on every figure both have and strictly better on one.
     */
    static List<ConfigResult> pareto(List<ConfigResult> valid, String phase) {
        List<ConfigResult> front = new ArrayList<>();
        for (ConfigResult a : valid) {
            boolean dominated = false;
            for (ConfigResult b : valid) {
                if (b != a && dominates(b, a, phase)) {
                    dominated = true;
                    break;
                }
            }
            if (!dominated) {
                front.add(a);
            }
        }
        return front;
    }

    private static boolean dominates(ConfigResult b, ConfigResult a, String phase) {
        boolean strictly = false;
        int compared = 0;
        for (Metric m : Metric.values()) {
            double vb = m.value(b, phase);
            double va = m.value(a, phase);
            if (Double.isNaN(vb) || Double.isNaN(va)) {
                continue;
            }
            compared++;
            if (m.better(va, vb)) {
                return false;
            }
            if (m.better(vb, va)) {
                strictly = true;
            }
        }
        return compared > 0 && strictly;
    }
}
