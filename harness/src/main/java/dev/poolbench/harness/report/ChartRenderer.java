package dev.poolbench.harness.report;

import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.function.Function;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders an XChart chart headless (sets {@code java.awt.headless=true} before AWT loads) to an
 * SVG fragment for inline use in HTML (labels as SVG text, see {@link TextAsText}) (XML prolog, DOCTYPE and namespace declarations removed:
 * HTML5 parses inline {@code <svg>} without them, and the page keeps no http reference;
 * coordinates rounded to 0.1 px) and to
 * PNG bytes for the Markdown report.
 *
 * <p>Text needs a font: on a machine with none (a bare container without fontconfig fonts),
 * AWT fails to lay out text; {@link #render} then returns a failure naming the cause and the
 * report shows that note instead of the chart (.ci/run installs fonts-dejavu-core when fc-list
 * finds no font).
 */
public final class ChartRenderer {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A rendered chart, or why it could not be rendered. */
    public record Rendered(String svg, byte[] png, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private ChartRenderer() {
    }

    public static Rendered render(Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            int tilt = chart.getStyler() instanceof AxesChartStyler a ? a.getXAxisLabelRotation() : 0;
            TextAsText g = new TextAsText(texts(chart), fonts(chart), tilt);
            chart.paint(g, chart.getWidth(), chart.getHeight());
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, chart.getWidth(), chart.getHeight()))
                    .writeTo(svg);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            return new Rendered(inline(svg.toString(StandardCharsets.UTF_8)), png.toByteArray(), null);
        } catch (IOException | RuntimeException | LinkageError | InternalError e) {
            // no usable font (NullPointerException / UnsatisfiedLinkError / InternalError from
            // fontconfig in a bare container) or an XChart failure on unusual data
            return new Rendered(null, null, "chart not drawn (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); on a machine without fonts install one, e.g. apt-get install fonts-dejavu-core");
        }
    }

    /**
     * Every string the chart can draw: title, axis titles, series names, category names, and
     * (recorded while it paints) whatever its tick-label functions return.
     */
    private static Set<String> texts(Chart<?, ?> chart) {
        Set<String> t = new LinkedHashSet<>();
        t.add(chart.getTitle());
        t.add(chart.getXAxisTitle());
        t.add(chart.getYAxisTitle());
        for (Object s : chart.getSeriesMap().values()) {
            t.add(((Series) s).getName());
            if (s instanceof CategorySeries c) {
                c.getXData().forEach(x -> t.add(String.valueOf(x)));
            }
        }
        if (chart.getStyler() instanceof AxesChartStyler a) {
            a.setxAxisTickLabelsFormattingFunction(recording(a.getxAxisTickLabelsFormattingFunction(), t));
            a.setyAxisTickLabelsFormattingFunction(recording(a.getyAxisTickLabelsFormattingFunction(), t));
        }
        t.remove(null);
        return t;
    }

    private static Function<Double, String> recording(Function<Double, String> f, Set<String> sink) {
        if (f == null) {
            return null;
        }
        return v -> {
            String s = f.apply(v);
            if (s != null) {
                sink.add(s);
            }
            return s;
        };
    }

    private static List<Font> fonts(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        List<Font> f = new ArrayList<>(List.of(s.getChartTitleFont(), s.getLegendFont()));
        if (s instanceof AxesChartStyler a) {
            f.add(a.getAxisTitleFont());
            f.add(a.getAxisTickLabelsFont());
        }
        return f;
    }

    /** The SVG document as an inline fragment: from {@code <svg} on, no namespace URIs. */
    static String inline(String svgDocument) {
        int start = svgDocument.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("the SVG encoder wrote no <svg> element");
        }
        String svg = svgDocument.substring(start).replaceAll("\\s+xmlns(:\\w+)?=\"[^\"]*\"", "");
        // a tenth of a pixel is plenty and halves the size of the paths
        return LONG_DECIMAL.matcher(svg).replaceAll(m -> {
            String r = BigDecimal.valueOf(Double.parseDouble(m.group())).setScale(1, RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
            return r.equals("-0") ? "0" : r;
        }).replaceAll("\n\\s+", "\n").trim();
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{2,}");
}
