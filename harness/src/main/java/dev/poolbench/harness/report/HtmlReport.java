package dev.poolbench.harness.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS and inline SVG charts, no script, no
 * external reference) that opens from disk: manifest, engines, recommendation, ranked tables,
 * invalid rows, charts, JMH results.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1400px}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:2em}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right}tr.invalid td{color:#a00}
            .verdict{margin:4px 0}.sig{color:#060}.nsig{color:#777}.note{color:#666;font-size:13px}
            figure{margin:12px 0 24px}figcaption{color:#555;font-size:13px}
            .chart svg{max-width:100%;height:auto;border:1px solid #eee}
            details{margin:8px 0}code{background:#f6f6f6;padding:0 3px}
            """;

    private HtmlReport() {
    }

    static String render(ReportData data, List<Recommendation> recs, Map<Workload, List<DrawnChart>> charts) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>poolbench report</title>\n")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>poolbench report</h1>\n<p class=\"note\">Generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" from ")
                .append(Fmt.html(Tables.folders(data))).append(".</p>\n");

        b.append("<h2 id=\"manifest\">Manifest</h2>\n");
        table(b, Tables.manifest(data), "manifest");
        b.append("<h2 id=\"engines\">Engines</h2>\n");
        table(b, Tables.engines(data), "engines");

        b.append("<h2 id=\"recommendation\">Recommendation</h2>\n<p class=\"note\">Per workload, over valid ")
                .append("configurations only: the winner by throughput, p99 and CPU/item against the best ")
                .append("configuration of another engine; margin = ratio of the two figures; significance: ")
                .append("Welch's t-test on the logs of the per-fork values, α = 0.01 (not tested below 3 forks per side). Pareto set: ")
                .append("configurations no other beats on all three.</p>\n");
        for (Recommendation rec : recs) {
            b.append("<h3 id=\"rec-").append(rec.workload().slug()).append("\">").append(Fmt.html(rec.workload().title()))
                    .append("</h3>\n");
            description(b, rec.workload());
            for (Recommendation.Verdict v : rec.verdicts()) {
                b.append("<p class=\"verdict ").append(v.significance().significant() ? "sig" : "nsig").append("\">")
                        .append(Fmt.html(v.sentence())).append("</p>\n");
            }
            for (String n : rec.notes()) {
                b.append("<p class=\"note\">").append(Fmt.html(n)).append("</p>\n");
            }
            if (!rec.pareto().isEmpty()) {
                b.append("<p>Pareto set (").append(rec.pareto().size()).append("):</p>\n");
                table(b, Tables.pareto(data, rec), "pareto");
            }
        }

        b.append("<h2 id=\"results\">Results</h2>\n<p class=\"note\">Ranked by throughput (median over ")
                .append("iterations); invalid configurations are listed unranked.</p>\n");
        for (Recommendation rec : recs) {
            b.append("<h3>").append(Fmt.html(rec.workload().title())).append("</h3>\n");
            table(b, Tables.ranked(data, rec), "ranked");
        }

        b.append("<h2 id=\"invalid\">Invalid rows</h2>\n");
        Table invalid = Tables.invalid(data);
        if (invalid.isEmpty()) {
            b.append("<p>None: every row matched the sequential oracle.</p>\n");
        } else {
            b.append("<p class=\"note\">These rows failed an oracle or leak check; their configurations are ")
                    .append("never ranked nor drawn.</p>\n");
            table(b, invalid, "invalid");
        }

        b.append("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">Valid configurations only. Labels: ")
                .append("engine [options] p&lt;parallelism&gt; b&lt;buffer&gt;.</p>\n");
        for (Map.Entry<Workload, List<DrawnChart>> e : charts.entrySet()) {
            b.append("<h3>").append(Fmt.html(e.getKey().title())).append("</h3>\n");
            for (DrawnChart d : e.getValue()) {
                if (d.drawn()) {
                    b.append("<figure class=\"chart\" id=\"").append(Fmt.html(d.chart().id())).append("\">\n")
                            .append(d.rendered().svg()).append("\n<figcaption>")
                            .append(Fmt.html(d.caption())).append("</figcaption></figure>\n");
                } else {
                    b.append("<p class=\"note\">").append(Fmt.html(d.chart().title())).append(": ")
                            .append(Fmt.html(d.caption())).append("</p>\n");
                }
            }
        }

        Table jmh = Tables.jmh(data);
        if (!jmh.isEmpty()) {
            b.append("<h2 id=\"jmh\">JMH</h2>\n");
            for (Map.Entry<String, Table> t : Tables.jmhTopologies(data).entrySet()) {
                b.append("<h3>").append(Fmt.html(t.getKey())).append("</h3>\n");
                table(b, t.getValue(), "jmh-topology");
            }
            table(b, jmh, "jmh");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void description(StringBuilder b, Workload w) {
        if (!w.description().isEmpty()) {
            b.append("<p class=\"note\">").append(Fmt.html(w.description())).append("</p>\n");
        }
    }

    private static void table(StringBuilder b, Table t, String cls) {
        b.append("<table class=\"").append(cls).append("\"><thead><tr>");
        for (String h : t.header()) {
            b.append("<th>").append(Fmt.html(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (List<String> row : t.rows()) {
            boolean invalid = row.contains("INVALID");
            b.append(invalid ? "<tr class=\"invalid\">" : "<tr>");
            for (String c : row) {
                boolean num = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.equals("–")) && c.length() < 24;
                b.append(num ? "<td class=\"num\">" : "<td>").append(Fmt.html(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
    }
}
