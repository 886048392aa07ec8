package dev.poolbench.harness.report;

import java.util.List;
import java.util.Map;

/**
 * report.md: the same content as report.html in Markdown (the summary matrix its first table), with the charts as PNG files beside it
 * ({@code chart-<workload>-<kind>.png}), so a repository page shows it without a browser.
 */
final class MarkdownReport {

    private MarkdownReport() {
    }

    static String render(ReportData data, List<Recommendation> recs, Map<Workload, List<DrawnChart>> charts) {
        StringBuilder b = new StringBuilder(1 << 14);
        b.append("# poolbench report\n\n");
        for (String line : Tables.runOn(data)) {
            b.append(Fmt.md(line)).append("  \n");
        }
        b.append("\n## Which primitive?\n\n");
        table(b, Tables.matrix(SummaryMatrix.of(data, recs)));
        b.append("_").append(Fmt.md(SummaryMatrix.LEGEND)).append("_\n\n");

        b.append("## Recommendation\n\n");
        for (Recommendation rec : recs) {
            b.append("**").append(Fmt.md(rec.workload().title())).append("**\n\n");
            for (Recommendation.Verdict v : rec.verdicts()) {
                b.append("- ").append(Fmt.md(v.sentence())).append('\n');
            }
            for (String n : rec.notes()) {
                b.append("- _").append(Fmt.md(n)).append("_\n");
            }
            b.append('\n');
        }
        b.append("Per workload, over valid configurations only: the winner by throughput, p99 and CPU/item against ")
                .append("the best configuration of another engine; margin = ratio of the two figures; significance: ")
                .append("Welch's t-test on the logs of the per-fork values, α = 0.01 (not tested below 3 forks per ")
                .append("side). Pareto set: configurations no other beats on all three.\n\n");

        b.append("## Results\n\nRanked by throughput (median over forks); invalid configurations are ")
                .append("listed unranked.\n\n");
        for (Recommendation rec : recs) {
            b.append("### ").append(rec.workload().title()).append("\n\n");
            if (!rec.workload().description().isEmpty()) {
                b.append("_").append(Fmt.md(rec.workload().description())).append("_\n\n");
            }
            table(b, Tables.ranked(data, rec));
            if (!rec.pareto().isEmpty()) {
                b.append("Pareto set (").append(rec.pareto().size()).append("):\n\n");
                table(b, Tables.pareto(data, rec));
            }
        }

        b.append("## Attribution\n\n").append(Fmt.md(HtmlReport.ATTRIBUTION).replace("The bar under each part is ",
                "The last column names the largest part and ")).append("\n\n");
        for (Recommendation rec : recs) {
            Table t = Attribution.table(data, rec.workload());
            if (!t.isEmpty()) {
                b.append("### ").append(rec.workload().title()).append("\n\n");
                table(b, t);
            }
        }

        b.append("## Charts\n\nValid configurations only; one colour per engine. Labels: engine [options] ")
                .append("p<parallelism> b<buffer>.\n\n");
        for (Map.Entry<Workload, List<DrawnChart>> e : charts.entrySet()) {
            b.append("### ").append(e.getKey().title()).append("\n\n");
            for (DrawnChart d : e.getValue()) {
                if (d.drawn()) {
                    b.append("![").append(Fmt.md(d.chart().title())).append("](").append(d.pngName()).append(")\n\n");
                    if (!d.caption().isEmpty()) {
                        b.append("_").append(Fmt.md(d.caption())).append("_\n\n");
                    }
                } else {
                    b.append("_").append(Fmt.md(d.chart().title())).append(": ").append(Fmt.md(d.caption()))
                            .append("_\n\n");
                }
            }
        }

        b.append("## Invalid rows\n\n");
        Table invalid = Tables.invalid(data);
        if (invalid.isEmpty()) {
            b.append("None: every row matched the sequential oracle.\n\n");
        } else {
            b.append("These rows failed an oracle or leak check; their configurations are never ranked nor drawn.\n\n");
            table(b, invalid);
        }
        Table jmh = Tables.jmh(data);
        if (!jmh.isEmpty()) {
            b.append("## JMH\n\n");
            for (Map.Entry<String, Table> t : Tables.jmhTopologies(data).entrySet()) {
                b.append("### ").append(Fmt.md(t.getKey())).append("\n\n");
                table(b, t.getValue());
            }
            table(b, jmh);
        }
        b.append("## Engines\n\n");
        table(b, Tables.engines(data));
        b.append("## Manifest\n\nFrom ").append(Fmt.md(Tables.folders(data))).append(".\n\n");
        table(b, Tables.manifest(data));
        return b.toString();
    }

    private static void table(StringBuilder b, Table t) {
        b.append('|');
        for (String h : t.header()) {
            b.append(' ').append(Fmt.md(h)).append(" |");
        }
        b.append("\n|");
        b.append("---|".repeat(t.header().size())).append('\n');
        for (List<String> row : t.rows()) {
            b.append('|');
            for (String c : row) {
                b.append(' ').append(Fmt.md(c)).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }
}
