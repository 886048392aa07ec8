package dev.poolbench.harness.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The report's first screen (SPEC §9): one row per workload, one column per engine. A cell
 * stands for the engine's best valid configuration by throughput on that workload and shows its
 * throughput relative to the row's best, its p99 at the row's common offered load and its CPU
 * per item, each marked against the row's best figure with {@link Significance} on the per-fork
 * values (as the recommendation does). A saturated latency phase shows as such and is never
 * compared on p99; an engine whose configurations are all invalid shows as invalid.
 */
final class SummaryMatrix {

    enum State { OK, INVALID, NOT_RUN }

    /** One figure of a cell: its value, and its mark against the best of the row ("best" for the best itself). */
    record Figure(double value, String mark, String words) {

        static final Figure NONE = new Figure(Double.NaN, "", "");

        boolean present() {
            return !Double.isNaN(value);
        }
    }

    /**
     * @param config    the configuration the cell stands for (null unless OK)
     * @param several   whether the engine had more than one valid configuration (the label then matters)
     * @param saturated its latency phase at the row's load was saturated: p99 not compared
     */
    record Cell(State state, ConfigResult config, boolean several, Figure relThroughput, Figure p99, boolean saturated,
                Figure cpu, String invalidReason) {

        static Cell notRun() {
            return new Cell(State.NOT_RUN, null, false, Figure.NONE, Figure.NONE, false, Figure.NONE, "");
        }
    }

    /** @param load the row's common load in words ("603,100/s offered (50% …)") or how p99 is measured */
    record Row(Workload workload, String load, List<Cell> cells) {
    }

    private final List<String> engines;
    private final List<Row> rows;

    private SummaryMatrix(List<String> engines, List<Row> rows) {
        this.engines = engines;
        this.rows = rows;
    }

    List<String> engines() {
        return engines;
    }

    List<Row> rows() {
        return rows;
    }

    static SummaryMatrix of(ReportData data, List<Recommendation> recs) {
        List<String> engines = data.engines();
        List<Row> rows = new ArrayList<>();
        for (Recommendation rec : recs) {
            rows.add(row(data, rec, engines));
        }
        return new SummaryMatrix(engines, rows);
    }

    private static Row row(ReportData data, Recommendation rec, List<String> engines) {
        Workload w = rec.workload();
        String phase = rec.latencyPhase();
        List<ConfigResult> reps = new ArrayList<>();
        for (String e : engines) {
            Recommender.rank(data.validConfigs(w).stream().filter(c -> c.config().engine().equals(e)).toList(),
                    Metric.THROUGHPUT, phase).stream().findFirst().ifPresent(reps::add);
        }
        Optional<ConfigResult> bestThr = best(reps, Metric.THROUGHPUT, phase);
        Optional<ConfigResult> bestP99 = best(reps, Metric.P99, phase);
        Optional<ConfigResult> bestCpu = best(reps, Metric.CPU, phase);
        List<Cell> cells = new ArrayList<>();
        for (String e : engines) {
            List<ConfigResult> all = data.configs(w).stream().filter(c -> c.config().engine().equals(e)).toList();
            Optional<ConfigResult> rep = reps.stream().filter(c -> c.config().engine().equals(e)).findFirst();
            if (all.isEmpty()) {
                cells.add(Cell.notRun());
            } else if (rep.isEmpty()) {
                String reason = all.stream().flatMap(c -> c.rows().stream()).filter(r -> !r.valid())
                        .map(ResultRow::invalidReason).findFirst().orElse("");
                cells.add(new Cell(State.INVALID, null, false, Figure.NONE, Figure.NONE, false, Figure.NONE, reason));
            } else {
                ConfigResult c = rep.get();
                double top = bestThr.map(b -> Metric.THROUGHPUT.value(b, phase)).orElse(Double.NaN);
                Figure thr = figure(c, bestThr, Metric.THROUGHPUT, phase);
                Figure rel = new Figure(thr.value() / top, thr.mark(), thr.words());
                boolean saturated = phase != null && c.latency(phase).map(ResultRow::saturated).orElse(false);
                long valid = all.stream().filter(ConfigResult::valid).count();
                cells.add(new Cell(State.OK, c, valid > 1, rel, figure(c, bestP99, Metric.P99, phase), saturated,
                        figure(c, bestCpu, Metric.CPU, phase), ""));
            }
        }
        boolean cancel = data.validConfigs(w).stream()
                .anyMatch(c -> c.primary().map(r -> r.mode().equals("cancel")).orElse(false));
        Optional<ResultRow> at = phase == null ? Optional.empty() : data.validConfigs(w).stream()
                .map(c -> c.latency(phase)).flatMap(Optional::stream).findFirst();
        String load = at.isPresent() ? "p99 at " + Fmt.num(at.get().arrivalRate()) + "/s offered"
                + (Double.isNaN(at.get().load()) ? "" : String.format(java.util.Locale.ROOT, " (%.0f%% load)",
                100 * at.get().load()))
                : cancel ? "p99: cancel() to the last engine thread gone" : "p99: closed loop, from submit";
        return new Row(w, load, cells);
    }

    private static Optional<ConfigResult> best(List<ConfigResult> reps, Metric m, String phase) {
        Comparator<ConfigResult> byValue = Comparator.comparingDouble(c -> m.value(c, phase));
        return reps.stream().filter(c -> !Double.isNaN(m.value(c, phase)))
                .min(m.higherIsBetter() ? byValue.reversed() : byValue);
    }

    private static Figure figure(ConfigResult c, Optional<ConfigResult> best, Metric m, String phase) {
        double v = m.value(c, phase);
        if (Double.isNaN(v) || best.isEmpty()) {
            return Figure.NONE;
        }
        if (best.get() == c) {
            return new Figure(v, "best", "the best of the row");
        }
        Significance s = Significance.of(Recommender.samples(c, m, phase), Recommender.samples(best.get(), m, phase));
        return new Figure(v, s.mark(), s.words() + " vs " + best.get().config().label(false));
    }

    /** The legend's short form of a mark. */
    static String abbreviation(String mark) {
        return switch (mark) {
            case "significant" -> "sig.";
            case "not significant" -> "n.s.";
            case "not tested" -> "n.t.";
            default -> mark;
        };
    }

    static final String LEGEND = "Each cell: the engine's best valid configuration by throughput. Throughput "
            + "relative to the row's best (1.00× = best; colour: the same scale), process CPU per item, and p99 at "
            + "the row's common offered load (the same items/s for every engine; n% load: a fraction of the "
            + "saturation rate of the row's slowest valid engine other than sequential). Marks against the row's best figure: sig. = significant, n.s. = not "
            + "significant (Welch's t-test on the logs of the per-fork values, α = 0.01), n.t. = not tested "
            + "(fewer than 3 forks on a side). Saturated: fewer than 98 % of the offered items completed in time, "
            + "never ranked on p99. Invalid: failed the oracle or a leak check, never ranked.";
}
