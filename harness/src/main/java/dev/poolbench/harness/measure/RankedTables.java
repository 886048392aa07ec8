package dev.poolbench.harness.measure;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ranked table per scenario and profile that {@code poolbench run} prints: throughput (median,
 * with the min–max spread), the latency percentiles of the first latency phase (or, for the
 * cancellation scenario, the cancel-to-last-thread time, ranked by p99), CPU per item. Invalid
 * rows are listed last, unranked, with their reason.
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
            List<Line> lines = lines(g.getValue());
            boolean cancel = g.getValue().get(0).mode().equals("cancel");
            lines.sort(Comparator.comparing((Line l) -> !l.valid)
                    .thenComparing(cancel ? Comparator.comparingDouble((Line l) -> l.p99)
                            : Comparator.comparingDouble((Line l) -> -l.throughput)));
            out.println();
            out.println("== " + g.getKey() + (cancel ? "  (time from cancel to last thread gone)" : ""));
            out.printf(Locale.ROOT, "%-4s %-12s %-28s %7s %6s %14s %17s %10s %10s %10s %11s%n", "rank", "engine",
                    "options", "par", "buf", "items/s", "(min-max)", "p50 us", "p99 us", "p99.9 us", "cpu ns/item");
            int rank = 1;
            for (Line l : lines) {
                String r = l.valid ? Integer.toString(rank++) : "--";
                out.printf(Locale.ROOT, "%-4s %-12s %-28s %7d %6d %14s %17s %10s %10s %10s %11s%s%n", r, l.engine,
                        l.options.isEmpty() ? "-" : l.options, l.parallelism, l.buffer, fmt(l.throughput),
                        "(" + fmt(l.min) + "-" + fmt(l.max) + ")", fmt(l.p50), fmt(l.p99), fmt(l.p999),
                        fmt(l.cpu), l.valid ? "" : "  INVALID: " + l.reason);
            }
        }
        out.flush();
    }

    private static final class Line {
        String engine;
        String options;
        int parallelism;
        int buffer;
        double throughput;
        double min;
        double max;
        double p50;
        double p99;
        double p999;
        double cpu;
        boolean valid = true;
        String reason = "";
    }

    /** One line per engine configuration: throughput phase + first latency phase. */
    private static List<Line> lines(List<SummaryRow> rows) {
        Map<String, Line> byConfig = new LinkedHashMap<>();
        for (SummaryRow s : rows) {
            String key = s.engine() + "|" + s.engineOptions() + "|" + s.parallelism() + "|" + s.buffer();
            Line l = byConfig.computeIfAbsent(key, k -> {
                Line n = new Line();
                n.engine = s.engine();
                n.options = s.engineOptions();
                n.parallelism = s.parallelism();
                n.buffer = s.buffer();
                n.p50 = Double.NaN;
                n.p99 = Double.NaN;
                n.p999 = Double.NaN;
                return n;
            });
            if (!s.valid()) {
                l.valid = false;
                l.reason = l.reason.isEmpty() ? s.invalidReason() : l.reason;
            }
            if (s.mode().equals("throughput") || s.mode().equals("cancel")) {
                l.throughput = s.throughput();
                l.min = s.throughputMin();
                l.max = s.throughputMax();
                l.cpu = s.cpuNsPerItem();
            }
            if ((s.mode().equals("latency") || s.mode().equals("cancel")) && Double.isNaN(l.p99)) {
                l.p50 = s.p50Us();
                l.p99 = s.p99Us();
                l.p999 = s.p999Us();
            }
        }
        for (Line l : byConfig.values()) {
            if (Double.isNaN(l.p99)) {
                l.p99 = Double.MAX_VALUE; // no latency phase: ranks last on latency
            }
        }
        return new ArrayList<>(byConfig.values());
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
