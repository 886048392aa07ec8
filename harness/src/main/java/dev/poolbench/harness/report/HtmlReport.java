package dev.poolbench.harness.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS and inline SVG charts, no script, no
 * external reference) that opens from disk. The first screen answers "which primitive?": a short
 * run-on line, the summary matrix and the recommendation sentences; then the ranked tables, the
 * attribution of every latency tail, the charts, the invalid rows, JMH, engines and the manifest.
 */
final class HtmlReport {

    private static final String CSS = """
            body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1400px}
            h1{font-size:1.6em;margin:0 0 6px}h2{border-bottom:1px solid #ccc;padding-bottom:4px;margin-top:2em}
            h2#matrix,h2#recommendation{margin-top:14px;font-size:1.3em}p.legend{font-size:12px;color:#666;margin:0 0 8px}
            table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f3f3f3}td.num{text-align:right}tr.invalid td{color:#a00}
            .verdict{margin:4px 0}.sig{color:#060}.nsig{color:#777}.note{color:#666;font-size:13px}
            figure{margin:12px 0 24px}figcaption{color:#555;font-size:13px}
            .chart svg{max-width:100%;height:auto;border:1px solid #eee;font-size:12px}
            details{margin:8px 0}code{background:#f6f6f6;padding:0 3px}
            .runon{color:#444;font-size:13px;margin:0 0 4px}
            table.matrix{font-size:12.5px;margin:4px 0 6px}table.matrix td.cell{white-space:nowrap;line-height:1.35}
            table.matrix th{vertical-align:middle}.load{font-weight:normal;color:#555;font-size:12px}
            .m{font-size:11px;color:#555}.m.significant{color:#060;font-weight:bold}.m.best{color:#036;font-weight:bold}
            td.invalid{background:repeating-linear-gradient(45deg,#f4f4f4,#f4f4f4 6px,#e4e4e4 6px,#e4e4e4 12px);color:#a00}
            td.none{color:#999}.why,.cfg{font-size:11px;color:#555}.sat{color:#a60;font-weight:bold}
            .sw{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}
            .rec{margin:2px 0;font-size:13px}.rec ul{margin:0 0 4px;padding-left:22px}li.nsig{color:#555}
            td.part{background-image:linear-gradient(#c0392b,#c0392b);background-repeat:no-repeat;background-position:left bottom}
            tr.saturated td{color:#a60}
            """;

    private HtmlReport() {
    }

    static String render(ReportData data, List<Recommendation> recs, Map<Workload, List<DrawnChart>> charts) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>poolbench report</title>\n")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        b.append("<h1>poolbench report</h1>\n");
        for (String line : Tables.runOn(data)) {
            b.append("<p class=\"runon\">").append(Fmt.html(line)).append("</p>\n");
        }

        b.append("<h2 id=\"matrix\">Which primitive?</h2>\n");
        matrix(b, SummaryMatrix.of(data, recs), data.severalRuns());

        b.append("<h2 id=\"recommendation\">Recommendation</h2>\n");
        for (Recommendation rec : recs) {
            b.append("<div class=\"rec\" id=\"rec-").append(rec.workload().slug()).append("\"><b>")
                    .append(Fmt.html(rec.workload().title())).append("</b><ul>");
            for (Recommendation.Verdict v : rec.verdicts()) {
                b.append("<li class=\"").append(v.significance().significant() ? "sig" : "nsig").append("\">")
                        .append(Fmt.html(v.sentence().substring(rec.workload().title().length() + 2))).append("</li>");
            }
            for (String n : rec.notes()) {
                b.append("<li class=\"note\">").append(Fmt.html(n)).append("</li>");
            }
            b.append("</ul></div>\n");
        }
        b.append("<p class=\"note\">Per workload, over valid configurations only: the winner by throughput, p99 ")
                .append("and CPU/item against the best configuration of another engine; margin = ratio of the two ")
                .append("figures; significance: Welch's t-test on the logs of the per-fork values, α = 0.01 (not ")
                .append("tested below 3 forks per side). Pareto set: configurations no other beats on all three.</p>\n");

        b.append("<h2 id=\"results\">Results</h2>\n<p class=\"note\">Ranked by throughput (median over ")
                .append("forks); invalid configurations are listed unranked.</p>\n");
        for (Recommendation rec : recs) {
            b.append("<h3 id=\"results-").append(rec.workload().slug()).append("\">")
                    .append(Fmt.html(rec.workload().title())).append("</h3>\n");
            description(b, rec.workload());
            table(b, Tables.ranked(data, rec), "ranked");
            if (!rec.pareto().isEmpty()) {
                b.append("<p>Pareto set (").append(rec.pareto().size()).append("):</p>\n");
                table(b, Tables.pareto(data, rec), "pareto");
            }
        }

        b.append("<h2 id=\"attribution\">Attribution</h2>\n<p class=\"note\">").append(Fmt.html(ATTRIBUTION))
                .append("</p>\n");
        for (Recommendation rec : recs) {
            List<Attribution.Line> lines = Attribution.lines(data, rec.workload());
            if (!lines.isEmpty()) {
                b.append("<h3 id=\"attribution-").append(rec.workload().slug()).append("\">")
                        .append(Fmt.html(rec.workload().title())).append("</h3>\n");
                attribution(b, lines, data.severalRuns());
            }
        }

        b.append("<h2 id=\"charts\">Charts</h2>\n<p class=\"note\">Valid configurations only; one colour per ")
                .append("engine. Labels: engine [options] p&lt;parallelism&gt; b&lt;buffer&gt;.</p>\n");
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

        b.append("<h2 id=\"invalid\">Invalid rows</h2>\n");
        Table invalid = Tables.invalid(data);
        if (invalid.isEmpty()) {
            b.append("<p>None: every row matched the sequential oracle.</p>\n");
        } else {
            b.append("<p class=\"note\">These rows failed an oracle or leak check; their configurations are ")
                    .append("never ranked nor drawn.</p>\n");
            table(b, invalid, "invalid");
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
        b.append("<h2 id=\"engines\">Engines</h2>\n");
        table(b, Tables.engines(data), "engines");
        b.append("<h2 id=\"manifest\">Manifest</h2>\n<p class=\"note\">From ").append(Fmt.html(Tables.folders(data)))
                .append("; report generated ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(".</p>\n");
        table(b, Tables.manifest(data), "manifest");
        b.append("</body></html>\n");
        return b.toString();
    }

    static final String ATTRIBUTION = "Per latency phase, the corrected p99 (from the intended start) beside the "
            + "same passes' parts: service time and admission wait are the engine's; generator lag is the load "
            + "generator's; hiccups in the fork are stalls of its JVM (CPU contention, GC, safepoints), hiccups in "
            + "the idle parent are the host's; GC pause max is the longest stop-the-world pause. The bar under "
            + "each part is its share of the corrected p99.";

    /** The first screen: workloads as rows, engines as columns, coloured by relative throughput. */
    private static void matrix(StringBuilder b, SummaryMatrix m, boolean runs) {
        b.append("<table class=\"matrix\"><thead><tr><th>workload</th>");
        for (String e : m.engines()) {
            b.append("<th><span class=\"sw\" style=\"background:").append(EnginePalette.css(e)).append("\"></span>")
                    .append(Fmt.html(e)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (SummaryMatrix.Row r : m.rows()) {
            b.append("<tr><th><a href=\"#results-").append(r.workload().slug()).append("\">")
                    .append(Fmt.html(r.workload().title())).append("</a><br><span class=\"load\">")
                    .append(Fmt.html(r.load())).append("</span></th>");
            for (SummaryMatrix.Cell c : r.cells()) {
                cell(b, c, runs);
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n<p class=\"legend\">").append(Fmt.html(SummaryMatrix.LEGEND)).append("</p>\n");
    }

    private static void cell(StringBuilder b, SummaryMatrix.Cell c, boolean runs) {
        switch (c.state()) {
            case NOT_RUN -> b.append("<td class=\"cell none\">not run</td>");
            case INVALID -> b.append("<td class=\"cell invalid\" title=\"").append(Fmt.html(c.invalidReason()))
                    .append("\"><b>INVALID</b><br><span class=\"why\">").append(Fmt.html(c.invalidReason()))
                    .append("</span></td>");
            case OK -> {
                double rel = c.relThroughput().value();
                b.append("<td class=\"cell\" style=\"background:").append(css(shade(rel))).append("\" title=\"")
                        .append(Fmt.html(c.config().config().label(runs))).append("\">");
                figure(b, c.relThroughput(), String.format(java.util.Locale.ROOT, "<b>%.2f×</b>", rel));
                b.append(" · ");
                figure(b, c.cpu(), Fmt.num(c.cpu().value()) + " ns/item");
                b.append("<br>");
                if (c.saturated()) {
                    b.append("<span class=\"sat\">p99 saturated</span>");
                } else {
                    figure(b, c.p99(), "p99 " + Fmt.num(c.p99().value()) + " µs");
                }
                if (c.several()) {
                    b.append("<br><span class=\"cfg\">").append(Fmt.html(c.config().config().label(runs)))
                            .append("</span>");
                }
                b.append("</td>");
            }
        }
    }

    private static void figure(StringBuilder b, SummaryMatrix.Figure f, String html) {
        if (!f.present()) {
            b.append("–");
            return;
        }
        b.append(html).append(" <span class=\"m ").append(f.mark().replace(' ', '-')).append("\" title=\"")
                .append(Fmt.html(f.words())).append("\">").append(SummaryMatrix.abbreviation(f.mark())).append("</span>");
    }

    /** One scale for every cell: near white at 0× to green at 1× the row's best throughput. */
    static java.awt.Color shade(double rel) {
        double r = Double.isNaN(rel) ? 0 : Math.max(0, Math.min(1, rel));
        // HSL(140°, 50 %, 97 % … 65 %) in RGB: hue 140 lies between green and cyan
        double l = 0.97 - 0.32 * r;
        double c = (1 - Math.abs(2 * l - 1)) * 0.5;
        double x = c * (1 - Math.abs((140 / 60.0) % 2 - 1));
        double m = l - c / 2;
        return new java.awt.Color((int) Math.round(255 * m), (int) Math.round(255 * (c + m)),
                (int) Math.round(255 * (x + m)));
    }

    private static String css(java.awt.Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static void attribution(StringBuilder b, List<Attribution.Line> lines, boolean runs) {
        b.append("<table class=\"attribution\"><thead><tr>");
        for (String h : Attribution.header()) {
            b.append("<th>").append(Fmt.html(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>\n");
        for (Attribution.Line l : lines) {
            List<String> cells = Attribution.cells(l, runs);
            String engine = l.config().config().engine();
            b.append(l.row().saturated() ? "<tr class=\"saturated\">" : "<tr>");
            b.append("<td><span class=\"sw\" style=\"background:").append(EnginePalette.css(engine))
                    .append("\"></span>").append(Fmt.html(cells.get(0))).append("</td>");
            for (int i = 1; i < 4; i++) {
                b.append("<td class=\"num\">").append(Fmt.html(cells.get(i))).append("</td>");
            }
            Attribution.Part[] parts = Attribution.Part.values();
            for (int i = 0; i < parts.length; i++) {
                double share = l.share(parts[i]);
                String w = Double.isNaN(share) ? "0" : String.format(java.util.Locale.ROOT, "%.0f", 100 * Math.min(1, share));
                b.append("<td class=\"num part\" style=\"background-size:").append(w).append("% 4px\">")
                        .append(Fmt.html(cells.get(4 + i))).append("</td>");
            }
            for (int i = 4 + parts.length; i < cells.size(); i++) {
                b.append(i == cells.size() - 1 ? "<td>" : "<td class=\"num\">").append(Fmt.html(cells.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody></table>\n");
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
