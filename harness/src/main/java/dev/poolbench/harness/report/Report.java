package dev.poolbench.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code poolbench report}: reads result folders and writes {@code report.html} (self-contained:
 * inline SVG charts, inline CSS, no network) and {@code report.md} (with its charts as
 * {@code chart-*.png} beside it) into one folder. All input is validated before anything is
 * written; bad input throws {@link IllegalArgumentException} naming the file and line.
 */
public final class Report {

    /** What was written. {@code chartsNotDrawn} counts charts whose rendering failed (no fonts). */
    public record Written(Path html, Path markdown, int charts, int chartsNotDrawn) {
    }

    private Report() {
    }

    public static Written write(List<Path> dirs, Path out) throws IOException {
        ReportData data = ReportData.read(dirs);
        List<Recommendation> recs = Recommender.recommend(data);
        Map<Workload, List<DrawnChart>> charts = new LinkedHashMap<>();
        int drawn = 0;
        int failed = 0;
        for (Recommendation rec : recs) {
            List<DrawnChart> list = new ArrayList<>();
            for (ReportChart c : ChartFactory.charts(data, rec.workload(), rec)) {
                if (c.chart() == null) {
                    list.add(new DrawnChart(c, null, null));
                    continue;
                }
                ChartRenderer.Rendered r = ChartRenderer.render(c.chart());
                list.add(new DrawnChart(c, r, r.ok() ? "chart-" + c.id() + ".png" : null));
                if (r.ok()) {
                    drawn++;
                } else {
                    failed++;
                }
            }
            charts.put(rec.workload(), list);
        }
        Files.createDirectories(out);
        deleteOldCharts(out);
        for (List<DrawnChart> list : charts.values()) {
            for (DrawnChart d : list) {
                if (d.drawn()) {
                    Files.write(out.resolve(d.pngName()), d.rendered().png());
                }
            }
        }
        Path html = out.resolve("report.html");
        Path md = out.resolve("report.md");
        Files.writeString(html, HtmlReport.render(data, recs, charts), StandardCharsets.UTF_8);
        Files.writeString(md, MarkdownReport.render(data, recs, charts), StandardCharsets.UTF_8);
        return new Written(html, md, drawn, failed);
    }

    /** Charts of an earlier report in the same folder would otherwise linger beside the new ones. */
    private static void deleteOldCharts(Path out) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(out, "chart-*.png")) {
            for (Path p : old) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
