package dev.poolbench.harness.measure;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables {@code poolbench run} prints per scenario and profile. First, throughput (median
 * over forks, with the spread across forks) and CPU per item (process total, and the engine's
 * threads' share), ranked by throughput (the cancellation scenario: by the p99 of the
 * cancel-to-last-thread time). Then one table per latency load point, every engine at the same
 * offered items/s, ranked by p99 — saturated rows listed after the ranked ones, unranked — with
 * the attribution beside each tail: service time, generator lag, admission wait, the hiccup
 * meter (fork and idle parent) and GC pauses of the same passes. Invalid rows come last,
 * unranked, with their reason.
 */
public final class RankedTables {

    private RankedTables() {
    }

    public static void print(PrintWriter out, List<SummaryRow> summary) {
        Map<String, List<SummaryRow>> groups = new LinkedHashMap<>();
        for (SummaryRow s : summary) {
            groups.computeIfAbsent(s.scenario() + " / " + s.profile(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<SummaryRow>> g : groups.entrySet()) {
            List<SummaryRow> rows = g.getValue();
            boolean cancel = rows.get(0).mode().equals("cancel");
            List<SummaryRow> flow = new ArrayList<>(rows.stream().filter(s -> !s.mode().equals("latency")).toList());
            flow.sort(Comparator.comparing((SummaryRow s) -> !s.valid())
                    .thenComparing(cancel ? Comparator.comparingDouble(SummaryRow::p99Us)
                            : Comparator.comparingDouble((SummaryRow s) -> -s.throughput())));
            out.println();
            out.println("== " + g.getKey() + (cancel ? "  (time from cancel to last thread gone)" : "  (throughput)"));
            out.printf(Locale.ROOT, "%-4s %-12s %-26s %6s %6s %14s %21s %5s %12s %12s %10s%n", "rank", "engine",
                    "options", "par", "buf", cancel ? "cancels/s" : "items/s", "(fork min-max)", "forks",
                    "cpu ns/item", "engine ns", cancel ? "p99 us" : "close us");
            int rank = 1;
            for (SummaryRow s : flow) {
                out.printf(Locale.ROOT, "%-4s %-12s %-26s %6d %6d %14s %21s %5d %12s %12s %10s%s%n",
                        s.valid() ? Integer.toString(rank++) : "--", s.engine(), opts(s), s.parallelism(), s.buffer(),
                        fmt(s.throughput()), "(" + fmt(s.throughputMin()) + "-" + fmt(s.throughputMax()) + ")",
                        s.forks(), fmt(s.cpuNsPerItem()), fmt(s.value("cpu_engine_ns_per_item")),
                        fmt(cancel ? s.p99Us() : s.value("close_us")), s.valid() ? "" : "  INVALID: " + s.invalidReason());
            }
            Map<String, List<SummaryRow>> points = new LinkedHashMap<>();
            rows.stream().filter(s -> s.mode().equals("latency"))
                    .forEach(s -> points.computeIfAbsent(s.phaseLabel(), k -> new ArrayList<>()).add(s));
            for (List<SummaryRow> point : points.values()) {
                printLatency(out, g.getKey(), point);
            }
        }
        out.flush();
    }

    private static void printLatency(PrintWriter out, String group, List<SummaryRow> point) {
        List<SummaryRow> rows = new ArrayList<>(point);
        rows.sort(Comparator.comparing((SummaryRow s) -> !s.valid()).thenComparing(SummaryRow::saturated)
                .thenComparingDouble(SummaryRow::p99Us));
        SummaryRow first = rows.get(0);
        out.println();
        out.println("   " + group + "  latency at " + fmt(first.arrivalRate()) + " items/s offered"
                + (Double.isNaN(first.load()) ? "" : String.format(Locale.ROOT, " (%.2f of the slowest engine's "
                + "saturation)", first.load())) + "; us, median over forks");
        out.printf(Locale.ROOT, "   %-4s %-12s %-20s %10s %9s %9s %9s %9s %9s %9s %9s %9s %13s%n", "rank", "engine",
                "options", "achieved/s", "p50", "p99", "(fork max)", "svc p99", "lag p99", "adm p99", "hiccup99",
                "parent99", "gc n/tot/max");
        int rank = 1;
        for (SummaryRow s : rows) {
            String r = !s.valid() || s.saturated() ? "--" : Integer.toString(rank++);
            out.printf(Locale.ROOT, "   %-4s %-12s %-20s %10s %9s %9s %9s %9s %9s %9s %9s %9s %13s%s%n", r, s.engine(),
                    opts(s), fmt(s.value("achieved_rate_ops_s")), fmt(s.p50Us()), fmt(s.p99Us()),
                    fmt(s.value("p99_max_us")), fmt(s.value("service_p99_us")), fmt(s.value("generator_lag_p99_us")),
                    fmt(s.value("admission_wait_p99_us")), fmt(s.value("hiccup_p99_us")),
                    fmt(s.value("hiccup_control_p99_us")), String.format(Locale.ROOT, "%.1f/%s/%s",
                            s.value("gc_count"), fmt(s.value("gc_pause_total_ms")), fmt(s.value("gc_pause_max_ms"))),
                    !s.valid() ? "  INVALID: " + s.invalidReason() : s.saturated() ? "  SATURATED (not ranked)" : "");
        }
    }

    private static String opts(SummaryRow s) {
        return s.engineOptions().isEmpty() ? "-" : s.engineOptions();
    }

    static String fmt(double v) {
        if (Double.isNaN(v) || v == Double.MAX_VALUE) {
            return "-";
        }
        if (v >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
