package dev.poolbench.harness.report;

import dev.poolbench.harness.jmh.TopologyTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The report's tables, built once from the data and printed by both report formats. */
final class Tables {

    private Tables() {
    }

    /** key | one column per folder. */
    static Table manifest(ReportData data) {
        List<String> header = new ArrayList<>();
        header.add("key");
        Set<String> keys = new LinkedHashSet<>();
        for (ResultFolder f : data.folders()) {
            header.add(data.severalRuns() ? "run " + (data.folders().indexOf(f) + 1) : "value");
            keys.addAll(f.manifest().keySet());
        }
        Table t = new Table(List.copyOf(header), new ArrayList<>());
        for (String k : keys) {
            List<String> row = new ArrayList<>();
            row.add(k);
            for (ResultFolder f : data.folders()) {
                row.add(f.manifest().getOrDefault(k, ""));
            }
            t.rows().add(row);
        }
        return t;
    }

    /** Every engine in the data, with its row counts: none can drop out unnoticed. */
    static Table engines(ReportData data) {
        Table t = new Table("engine", "rows", "valid", "invalid", "workloads");
        for (String e : data.engines()) {
            List<ResultRow> rows = data.allRows().stream().filter(r -> r.config().engine().equals(e)).toList();
            long valid = rows.stream().filter(ResultRow::valid).count();
            long workloads = rows.stream().map(ResultRow::workload).distinct().count();
            t.add(e, Long.toString(rows.size()), Long.toString(valid), Long.toString(rows.size() - valid),
                    Long.toString(workloads));
        }
        return t;
    }

    static Table pareto(ReportData data, Recommendation rec) {
        Table t = new Table("configuration", "items/s", "p99 µs" + (rec.latencyWords() == null ? "" : " (" + rec.latencyWords() + ")"),
                "CPU ns/item");
        for (ConfigResult c : rec.pareto()) {
            t.add(c.config().label(data.severalRuns()), Fmt.num(Metric.THROUGHPUT.value(c, rec.latencyPhase())),
                    Fmt.num(Metric.P99.value(c, rec.latencyPhase())), Fmt.num(Metric.CPU.value(c, rec.latencyPhase())));
        }
        return t;
    }

    /** The valid configurations of a workload ranked by throughput, then its invalid ones unranked. */
    static Table ranked(ReportData data, Recommendation rec) {
        String phase = rec.latencyPhase();
        String at = rec.latencyWords() == null ? "" : " @" + rec.latencyWords();
        Table t = new Table("rank", "configuration", "items/s", "min–max", "p50 µs" + at, "p99 µs" + at,
                "p99.9 µs" + at, "CPU ns/item", "alloc B/item", "peak threads", "speedup vs sequential", "Pareto");
        int rank = 1;
        for (ConfigResult c : Recommender.rank(data.validConfigs(rec.workload()), Metric.THROUGHPUT, phase)) {
            t.rows().add(line(data, rec, c, Integer.toString(rank++)));
        }
        for (ConfigResult c : data.configs(rec.workload())) {
            boolean listed = t.rows().stream().anyMatch(r -> r.get(1).equals(c.config().label(data.severalRuns())));
            if (!listed) {
                t.rows().add(line(data, rec, c, c.valid() ? "–" : "INVALID"));
            }
        }
        return t;
    }

    private static List<String> line(ReportData data, Recommendation rec, ConfigResult c, String rank) {
        Optional<ResultRow> p = c.primary();
        Optional<ResultRow> lat = rec.latencyPhase() == null ? p : c.latency(rec.latencyPhase());
        return List.of(rank, c.config().label(data.severalRuns()),
                p.map(r -> Fmt.num(r.throughput())).orElse("–"),
                p.map(r -> Fmt.num(r.throughputMin()) + "–" + Fmt.num(r.throughputMax())).orElse("–"),
                lat.map(r -> Fmt.num(r.p50Us())).orElse("–"), lat.map(r -> Fmt.num(r.p99Us())).orElse("–"),
                lat.map(r -> Fmt.num(r.p999Us())).orElse("–"), p.map(r -> Fmt.num(r.cpuNsPerItem())).orElse("–"),
                p.map(r -> r.allocBytesPerItem() < 0 ? "n/a" : Fmt.num(r.allocBytesPerItem())).orElse("–"),
                p.map(r -> Fmt.num(r.peakThreads())).orElse("–"),
                p.map(r -> Fmt.num(r.speedupVsSequential())).orElse("–"),
                rec.pareto().contains(c) ? "yes" : "");
    }

    /** Every row with valid=false, with its reason and where it is in summary.csv. */
    static Table invalid(ReportData data) {
        Table t = new Table("source", "engine", "workload", "parallelism", "buffer", "engine options", "phase",
                "reason");
        for (ResultRow r : data.invalidRows()) {
            t.add((data.severalRuns() ? "run " + (r.config().run() + 1) + " " : "") + r.source(), r.config().engine(),
                    r.workload().title(), Integer.toString(r.config().parallelism()),
                    Integer.toString(r.config().buffer()), r.config().engineOptions(), r.phase(), r.invalidReason());
        }
        return t;
    }

    static Table jmh(ReportData data) {
        Table t = new Table("benchmark", "params", "mode", "score", "± error", "unit");
        for (JmhResult j : data.jmh()) {
            t.add(j.benchmark(), j.params(), j.mode(), Fmt.num(j.score()), Fmt.num(j.error()), j.unit());
        }
        return t;
    }

    /** The LMAX topology tables (raw primitives, engine / raw) of the JMH results, if those benchmarks ran. */
    static Map<String, Table> jmhTopologies(ReportData data) {
        List<TopologyTables.Score> scores = data.jmh().stream()
                .map(j -> new TopologyTables.Score(j.benchmark(), j.paramValues(), j.score())).toList();
        Map<String, Table> tables = new LinkedHashMap<>();
        for (TopologyTables.Grid g : TopologyTables.of(scores)) {
            Table t = new Table(g.header(), new ArrayList<>());
            g.rows().forEach(r -> t.add(r.toArray(String[]::new)));
            tables.put(g.title(), t);
        }
        return tables;
    }

    /** "run on: 2 cores, Intel …, JDK 25.0.3 (Eclipse Adoptium), G1GC, 3 forks, 2026-11-30", one per folder. */
    static List<String> runOn(ReportData data) {
        List<String> out = new ArrayList<>();
        for (ResultFolder f : data.folders()) {
            Map<String, String> m = f.manifest();
            String started = m.getOrDefault("started_utc", "");
            out.add((data.severalRuns() ? "run " + (data.folders().indexOf(f) + 1) + " " : "") + "run on: "
                    + m.getOrDefault("cores", "?") + " cores, " + m.getOrDefault("cpu_model", "unknown CPU")
                    + ", JDK " + m.getOrDefault("jvm_version", "?")
                    + (m.containsKey("jvm_vendor") ? " (" + m.get("jvm_vendor") + ")" : "") + ", "
                    + m.getOrDefault("gc", "unknown GC") + ", " + m.getOrDefault("forks", "?") + " fork(s) per row, "
                    + (started.length() >= 10 ? started.substring(0, 10) : "date unknown"));
        }
        return out;
    }

    /** The summary matrix as plain text cells: "0.75× n.s. · p99 1,234 µs sig. · 900 ns/item best". */
    static Table matrix(SummaryMatrix m) {
        List<String> header = new ArrayList<>();
        header.add("workload (common offered load)");
        header.addAll(m.engines());
        Table t = new Table(List.copyOf(header), new ArrayList<>());
        for (SummaryMatrix.Row r : m.rows()) {
            List<String> row = new ArrayList<>();
            row.add(r.workload().title() + " (" + r.load() + ")");
            for (SummaryMatrix.Cell c : r.cells()) {
                row.add(String.join(" · ", cellLines(c)));
            }
            t.rows().add(row);
        }
        return t;
    }

    /** A matrix cell's lines: relative throughput, p99, CPU/item, each with its mark; or why there is none. */
    static List<String> cellLines(SummaryMatrix.Cell c) {
        return switch (c.state()) {
            case NOT_RUN -> List.of("not run");
            case INVALID -> List.of("INVALID: " + c.invalidReason());
            case OK -> {
                List<String> l = new ArrayList<>();
                l.add(figure(c.relThroughput(), String.format(java.util.Locale.ROOT, "%.2f×", c.relThroughput().value())));
                l.add(c.saturated() ? "p99 saturated (not ranked)"
                        : figure(c.p99(), "p99 " + Fmt.num(c.p99().value()) + " µs"));
                l.add(figure(c.cpu(), Fmt.num(c.cpu().value()) + " ns/item"));
                if (c.several()) {
                    l.add(c.config().config().label(false));
                }
                yield l;
            }
        };
    }

    private static String figure(SummaryMatrix.Figure f, String text) {
        return f.present() ? text + " " + SummaryMatrix.abbreviation(f.mark()) : "–";
    }

    static String folders(ReportData data) {
        List<String> names = new ArrayList<>();
        for (ResultFolder f : data.folders()) {
            Map<String, String> m = f.manifest();
            names.add((data.severalRuns() ? "run " + (data.folders().indexOf(f) + 1) + ": " : "") + f.dir()
                    + (m.containsKey("run_id") ? " (run " + m.get("run_id") + ")" : ""));
        }
        return String.join("; ", names);
    }
}
