package dev.poolbench.harness.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a latency tail comes from (SPEC §9): for every valid configuration of a workload and each
 * of its latency phases, the corrected p99 beside the same passes' service p99, generator lag
 * p99, admission wait p99, hiccups in the fork and in the idle parent, and GC pauses. Each part
 * is also given as a share of the corrected p99, and the largest part is named with its owner,
 * so a reader sees whether the tail is the engine's (service, admission) or not (generator, GC,
 * the fork's or the host's stalls).
 */
final class Attribution {

    /** One part of a tail: its name, who owns it, the summary.csv column and its unit scale to µs. */
    enum Part {
        SERVICE("service p99", "engine", "service_p99_us", 1),
        ADMISSION("admission wait p99", "engine backpressure", "admission_wait_p99_us", 1),
        GENERATOR("generator lag p99", "load generator", "generator_lag_p99_us", 1),
        HICCUP("hiccup p99 (fork)", "fork stall", "hiccup_p99_us", 1),
        HICCUP_PARENT("hiccup p99 (parent)", "host stall", "hiccup_control_p99_us", 1),
        GC_MAX("GC pause max", "GC", "gc_pause_max_ms", 1000);

        final String words;
        final String owner;
        final String column;
        final double toUs;

        Part(String words, String owner, String column, double toUs) {
            this.words = words;
            this.owner = owner;
            this.column = column;
            this.toUs = toUs;
        }

        double us(ResultRow r) {
            return r.measure(column) * toUs;
        }
    }

    /** One latency phase of one configuration. */
    record Line(ConfigResult config, ResultRow row) {

        double p99() {
            return row.p99Us();
        }

        /** The part's share of the corrected p99, or NaN when either is unknown. */
        double share(Part p) {
            double v = p.us(row);
            return p99() > 0 && !Double.isNaN(v) ? v / p99() : Double.NaN;
        }

        /** "service (engine) 92%": the largest part and its share, or "–". */
        String largest() {
            Part top = null;
            for (Part p : Part.values()) {
                if (!Double.isNaN(share(p)) && (top == null || share(p) > share(top))) {
                    top = p;
                }
            }
            return top == null ? "–" : top.words + " (" + top.owner + ") " + Math.round(100 * share(top)) + "%";
        }
    }

    private Attribution() {
    }

    /** Every latency phase of the valid configurations of {@code w}, configuration by configuration. */
    static List<Line> lines(ReportData data, Workload w) {
        List<Line> out = new ArrayList<>();
        for (ConfigResult c : data.validConfigs(w)) {
            for (ResultRow r : c.latencyRows()) {
                out.add(new Line(c, r));
            }
        }
        return out;
    }

    static List<String> header() {
        List<String> h = new ArrayList<>(List.of("configuration", "offered items/s", "achieved items/s",
                "p99 µs (corrected)"));
        for (Part p : Part.values()) {
            h.add(p.words + " µs");
        }
        h.addAll(List.of("GC pauses/pass", "GC pause total ms/pass", "largest part of p99"));
        return h;
    }

    /** The figures of {@code l} as text, in {@link #header()} order. */
    static List<String> cells(Line l, boolean runs) {
        ResultRow r = l.row();
        List<String> c = new ArrayList<>(List.of(l.config().config().label(runs), Fmt.num(r.arrivalRate()),
                Fmt.num(r.measure("achieved_rate_ops_s")) + (r.saturated() ? " (saturated)" : ""), Fmt.num(r.p99Us())));
        for (Part p : Part.values()) {
            c.add(Fmt.num(p.us(r)));
        }
        c.addAll(List.of(Fmt.num(r.measure("gc_count")), Fmt.num(r.measure("gc_pause_total_ms")), l.largest()));
        return c;
    }

    static Table table(ReportData data, Workload w) {
        Table t = new Table(List.copyOf(header()), new ArrayList<>());
        for (Line l : lines(data, w)) {
            t.rows().add(cells(l, data.severalRuns()));
        }
        return t;
    }
}
