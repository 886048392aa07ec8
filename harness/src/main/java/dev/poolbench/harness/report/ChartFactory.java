package dev.poolbench.harness.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Builds the report's charts for one workload from its valid configurations (SPEC §9):
 * throughput with its min–max spread over iterations, latency percentile curves on the
 * HdrHistogram 1/(1−p) axis, latency-vs-load J-curves, scaling against the ideal line from
 * {@code sequential}, and CPU per item. Invalid configurations are never drawn.
 */
public final class ChartFactory {

    static final int WIDTH = 820;
    static final int HEIGHT = 430;

    private ChartFactory() {
    }

    /** Every chart (or stand-in note) of workload {@code w}. */
    public static List<ReportChart> charts(ReportData data, Workload w, Recommendation rec) {
        List<ConfigResult> valid = data.validConfigs(w);
        List<ReportChart> out = new ArrayList<>();
        String id = w.slug();
        if (valid.isEmpty()) {
            out.add(ReportChart.noteOnly(id + "-none", w.title(), "No valid configuration to draw."));
            return out;
        }
        boolean runs = data.severalRuns();
        out.add(throughput(id, w, valid, runs));
        out.add(percentiles(id, w, valid, rec.latencyPhase(), rec.latencyWords(), runs));
        jCurve(id, w, valid, runs).ifPresent(out::add);
        out.add(scaling(id, w, valid, runs));
        out.add(cpu(id, w, valid, runs));
        return out;
    }

    private static ReportChart throughput(String id, Workload w, List<ConfigResult> valid, boolean runs) {
        List<String> names = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> min = new ArrayList<>();
        List<Double> max = new ArrayList<>();
        List<String> engineOf = new ArrayList<>();
        List<String> engines = new ArrayList<>();
        boolean cancel = false;
        for (ConfigResult c : valid) {
            Optional<ResultRow> r = c.primary();
            if (r.isEmpty() || Double.isNaN(r.get().throughput())) {
                continue;
            }
            cancel |= r.get().mode().equals("cancel");
            names.add(c.config().shortLabel(runs));
            engineOf.add(c.config().engine());
            if (!engines.contains(c.config().engine())) {
                engines.add(c.config().engine());
            }
            median.add(r.get().throughput());
            min.add(orElse(r.get().throughputMin(), r.get().throughput()));
            max.add(orElse(r.get().throughputMax(), r.get().throughput()));
        }
        String title = "Throughput: " + w.title();
        if (names.isEmpty()) {
            return ReportChart.noteOnly(id + "-throughput", title, "No throughput figures.");
        }
        CategoryChart ch = category(title, cancel ? "cancellations/s" : "items/s (median over forks)");
        for (String engine : engines) {
            List<Double> mine = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                mine.add(engineOf.get(i).equals(engine) ? median.get(i) : null);
            }
            ch.addSeries(engine, names, mine).setFillColor(EnginePalette.of(engine));
        }
        for (String spread : List.of("min", "max")) {
            CategorySeries m = ch.addSeries(spread + " of forks", names, spread.equals("min") ? min : max);
            m.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            m.setMarker(spread.equals("min") ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.TRIANGLE_DOWN);
            m.setMarkerColor(SPREAD);
        }
        ch.getStyler().setOverlapped(true);
        return new ReportChart(id + "-throughput", title, ch, "Bars: median over forks; triangles: the lowest and highest fork.");
    }

    private static ReportChart percentiles(String id, Workload w, List<ConfigResult> valid, String phase,
                                           String phaseWords, boolean runs) {
        String title = "Latency by percentile: " + w.title() + (phaseWords == null ? "" : ", " + phaseWords);
        XYChart ch = xy(title, "percentile (log 1/(1-p) axis)", "latency µs (log)");
        percentileAxis(ch.getStyler());
        Decades yRange = new Decades();
        int drawn = 0;
        for (ConfigResult c : valid) {
            Optional<ResultRow> r = phase == null ? c.primary() : c.latency(phase);
            if (r.isEmpty()) {
                continue;
            }
            List<ResultFolder.Point> pts = c.folder().latency(r.get().key());
            double[] x = pts.stream().filter(p -> p.valueUs() > 0)
                    .mapToDouble(p -> Math.log10(Math.max(1, p.oneOverOneMinusP()))).toArray();
            double[] y = pts.stream().filter(p -> p.valueUs() > 0).mapToDouble(ResultFolder.Point::valueUs).toArray();
            if (x.length < 2) {
                continue;
            }
            yRange.include(y);
            XYSeries s = ch.addSeries(c.config().shortLabel(runs), x, Decades.log(y));
            s.setMarker(SeriesMarkers.NONE);
            colour(s, c.config().engine());
            drawn++;
        }
        yRange.applyY(ch.getStyler());
        if (drawn == 0) {
            return ReportChart.noteOnly(id + "-percentiles", title, "No latency distribution in histograms.csv.");
        }
        return new ReportChart(id + "-percentiles", title, ch, phase == null
                ? "Closed-loop or cancellation latency (no open-loop phase)."
                : "Latency from the intended start (corrected for coordinated omission).");
    }

    private static Optional<ReportChart> jCurve(String id, Workload w, List<ConfigResult> valid, boolean runs) {
        Map<ConfigResult, List<ResultRow>> points = new LinkedHashMap<>();
        for (ConfigResult c : valid) {
            List<ResultRow> rows = c.latencyRows().stream()
                    .filter(r -> r.arrivalRate() > 0 && r.p99Us() > 0).toList();
            if (!rows.isEmpty()) {
                points.put(c, rows);
            }
        }
        if (points.isEmpty()) {
            return Optional.empty(); // no open-loop phase at all (the cancellation scenario)
        }
        int most = points.values().stream().mapToInt(List::size).max().orElse(0);
        String title = "p99 vs offered load: " + w.title() + (most < 2 ? " (one load point only)" : "");
        XYChart ch = xy(title, "offered items/s", "p99 latency µs (log)");
        ch.getStyler().setxAxisTickLabelsFormattingFunction(Fmt::num);
        Decades yRange = new Decades();
        for (Map.Entry<ConfigResult, List<ResultRow>> e : points.entrySet()) {
            double[] p99 = e.getValue().stream().mapToDouble(ResultRow::p99Us).toArray();
            yRange.include(p99);
            XYSeries s = ch.addSeries(e.getKey().config().shortLabel(runs),
                    e.getValue().stream().mapToDouble(ResultRow::arrivalRate).toArray(), Decades.log(p99));
            s.setMarker(SeriesMarkers.CIRCLE);
            colour(s, e.getKey().config().engine());
        }
        yRange.applyY(ch.getStyler());
        return Optional.of(new ReportChart(id + "-jcurve", title, ch, most < 2
                ? "One load point per configuration: run with --load 0.25,0.5,0.75,0.9 to draw the J-curve."
                : "Each point is a latency phase at a fraction of that configuration's own saturation rate."));
    }

    private static ReportChart scaling(String id, Workload w, List<ConfigResult> valid, boolean runs) {
        String title = "Scaling: " + w.title();
        Map<String, List<ResultRow>> lines = new LinkedHashMap<>();
        for (ConfigResult c : valid) {
            Config k = c.config();
            c.primary().filter(r -> r.mode().equals("throughput") && r.throughput() > 0).ifPresent(r ->
                    lines.computeIfAbsent((runs ? "r" + (k.run() + 1) + " " : "") + k.engine()
                            + (k.engineOptions().isEmpty() ? "" : " [" + k.engineOptions() + "]") + " b" + k.buffer(),
                            x -> new ArrayList<>()).add(r));
        }
        boolean sweep = lines.values().stream()
                .anyMatch(l -> l.stream().map(r -> r.config().parallelism()).distinct().count() > 1);
        if (!sweep) {
            return ReportChart.noteOnly(id + "-scaling", title,
                    "Scaling not drawn: each configuration ran at one parallelism (run with --parallelism 1,2,4 to sweep).");
        }
        XYChart ch = xy(title, "parallelism", "items/s");
        ch.getStyler().setyAxisTickLabelsFormattingFunction(Fmt::num);
        ch.getStyler().setxAxisTickLabelsFormattingFunction(x -> x == Math.rint(x) ? Fmt.num(x) : "");
        TreeSet<Integer> ps = new TreeSet<>();
        for (Map.Entry<String, List<ResultRow>> e : lines.entrySet()) {
            List<ResultRow> pts = e.getValue().stream()
                    .sorted(Comparator.comparingInt(r -> r.config().parallelism())).toList();
            pts.forEach(r -> ps.add(r.config().parallelism()));
            XYSeries line = ch.addSeries(e.getKey(), pts.stream().mapToDouble(r -> r.config().parallelism()).toArray(),
                    pts.stream().mapToDouble(ResultRow::throughput).toArray());
            line.setMarker(SeriesMarkers.CIRCLE);
            colour(line, pts.get(0).config().engine());
        }
        Optional<ResultRow> seq = valid.stream().filter(c -> c.config().engine().equals("sequential"))
                .map(ConfigResult::primary).flatMap(Optional::stream).filter(r -> r.throughput() > 0).findFirst();
        String note = "The ideal line is sequential's throughput × parallelism.";
        if (seq.isPresent() && !ps.isEmpty()) {
            double base = seq.get().throughput();
            XYSeries ideal = ch.addSeries("ideal (sequential × p)", ps.stream().mapToDouble(p -> p).toArray(),
                    ps.stream().mapToDouble(p -> base * p).toArray());
            ideal.setMarker(SeriesMarkers.NONE);
            ideal.setLineColor(Color.GRAY);
            ideal.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                    java.awt.BasicStroke.JOIN_MITER, 10, new float[]{6, 4}, 0));
        } else {
            note = "No valid sequential row: the ideal line is not drawn.";
        }
        return new ReportChart(id + "-scaling", title, ch, note);
    }

    /** The thread groups of the CPU chart after the engine's own threads, in fixed neutral colours. */
    private static final List<CpuPart> CPU_PARTS = List.of(
            new CpuPart("load generator", "cpu_generator_ns_per_item", new Color(0xc7b299)),
            new CpuPart("GC threads", "cpu_gc_ns_per_item", new Color(0x4d4d4d)),
            new CpuPart("JIT compiler", "cpu_jit_ns_per_item", new Color(0xbdbdbd)),
            new CpuPart("other (VM, hiccup meter, main)", "cpu_other_ns_per_item", new Color(0xe8dfc4)));

    private record CpuPart(String name, String column, Color colour) {
    }

    /**
     * CPU per item stacked by thread group: the engine's threads in the engine's colour, then the
     * load generator, GC, JIT and the rest. A configuration whose groups are unknown (no /proc)
     * shows its process total as one bar in the engine's colour.
     */
    private static ReportChart cpu(String id, Workload w, List<ConfigResult> valid, boolean runs) {
        String title = "CPU per item by thread group: " + w.title();
        List<String> names = new ArrayList<>();
        List<ResultRow> rows = new ArrayList<>();
        for (ConfigResult c : valid) {
            Optional<ResultRow> r = c.primary().filter(x -> !Double.isNaN(x.cpuNsPerItem()) && x.cpuNsPerItem() >= 0);
            if (r.isPresent()) {
                names.add(c.config().shortLabel(runs));
                rows.add(r.get());
            }
        }
        if (names.isEmpty()) {
            return ReportChart.noteOnly(id + "-cpu", title, "No CPU figures.");
        }
        CategoryChart ch = category(title, "CPU ns per item (median over forks)");
        ch.getStyler().setStacked(true);
        List<String> engines = rows.stream().map(r -> r.config().engine()).distinct().toList();
        for (String engine : engines) {
            List<Double> mine = new ArrayList<>();
            for (ResultRow r : rows) {
                mine.add(r.config().engine().equals(engine) ? engineShare(r) : null);
            }
            ch.addSeries(engine + " threads", names, mine).setFillColor(EnginePalette.of(engine));
        }
        for (CpuPart part : CPU_PARTS) {
            List<Double> values = new ArrayList<>();
            for (ResultRow r : rows) {
                values.add(split(r) ? Math.max(0, r.measure(part.column())) : null);
            }
            if (values.stream().anyMatch(v -> v != null && v > 0)) {
                ch.addSeries(part.name(), names, values).setFillColor(part.colour());
            }
        }
        return new ReportChart(id + "-cpu", title, ch, "On-CPU time of the process per item, closed loop, "
                + "split by thread group (/proc schedstat); a bar without a split is the process total.");
    }

    /** Whether the row has the per-group split (every group known). */
    private static boolean split(ResultRow r) {
        return r.measure("cpu_engine_ns_per_item") >= 0 && CPU_PARTS.stream().allMatch(p -> r.measure(p.column()) >= 0);
    }

    private static double engineShare(ResultRow r) {
        return split(r) ? r.measure("cpu_engine_ns_per_item") : r.cpuNsPerItem();
    }

    /** Bar charts: the legend right of the plot, one per line; labels tilted so long ones do not overlap. */
    private static CategoryChart category(String title, String yTitle) {
        CategoryChart ch = new CategoryChartBuilder().width(WIDTH + 180).height(HEIGHT).title(title).yAxisTitle(yTitle)
                .build();
        style(ch.getStyler());
        ch.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        ch.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        ch.getStyler().setXAxisLabelRotation(20);
        ch.getStyler().setyAxisTickLabelsFormattingFunction(Fmt::num);
        return ch;
    }

    /** Line charts can have a series per configuration: their legend goes right of the plot, one per line. */
    private static XYChart xy(String title, String xTitle, String yTitle) {
        XYChart ch = new XYChartBuilder().width(WIDTH + 180).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(ch.getStyler());
        ch.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        ch.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return ch;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        // solid grid lines: a dashed stroke reaches the SVG as the outline of every dash (kilobytes a line)
        s.setPlotGridLinesStroke(new java.awt.BasicStroke(1f));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleBoxVisible(false);
    }

    /**
     * The HdrHistogram percentile axis: x = log10(1/(1−p)) on a linear axis (XChart's log axis
     * does not take a label function), whole decades labelled as percentiles: 0 → 0%, 1 → 90%,
     * 2 → 99%, 3 → 99.9%; ticks between decades stay unlabelled.
     */
    private static void percentileAxis(AxesChartStyler s) {
        s.setXAxisMin(0.0);
        s.setxAxisTickLabelsFormattingFunction(ChartFactory::percentileLabel);
    }

    static String percentileLabel(double log10OneOverOneMinusP) {
        double decade = Math.rint(log10OneOverOneMinusP);
        if (Math.abs(log10OneOverOneMinusP - decade) > 1e-6 || decade < 0) {
            return "";
        }
        if (decade == 0) {
            return "0%";
        }
        double p = 100 * (1 - Math.pow(10, -decade));
        String s = new BigDecimal(String.format(Locale.ROOT, "%.5f", p)).stripTrailingZeros().toPlainString();
        return s + "%";
    }

    private static void colour(XYSeries s, String engine) {
        s.setLineColor(EnginePalette.of(engine));
        s.setMarkerColor(EnginePalette.of(engine));
    }

    private static final Color SPREAD = new Color(0x333333);

    private static double orElse(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }
}
