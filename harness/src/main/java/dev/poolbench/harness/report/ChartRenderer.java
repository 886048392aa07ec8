package dev.poolbench.harness.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders an XChart chart headless (sets {@code java.awt.headless=true} before AWT loads) to an
 * SVG fragment for inline use in HTML (XML prolog, DOCTYPE and namespace declarations removed:
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
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
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

    /** The SVG document as an inline fragment: from {@code <svg} on, no namespace URIs. */
    static String inline(String svgDocument) {
        int start = svgDocument.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("the SVG encoder wrote no <svg> element");
        }
        String svg = svgDocument.substring(start).replaceAll("\\s+xmlns(:\\w+)?=\"[^\"]*\"", "");
        // XChart draws text as glyph outlines: a tenth of a pixel is plenty and halves the size
        return LONG_DECIMAL.matcher(svg).replaceAll(m -> {
            String r = BigDecimal.valueOf(Double.parseDouble(m.group())).setScale(1, RoundingMode.HALF_UP)
                    .stripTrailingZeros().toPlainString();
            return r.equals("-0") ? "0" : r;
        }).replaceAll("\n\\s+", "\n").trim();
    }

    private static final Pattern LONG_DECIMAL = Pattern.compile("-?\\d+\\.\\d{2,}");
}
