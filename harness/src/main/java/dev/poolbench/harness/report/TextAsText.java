package dev.poolbench.harness.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;

import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.font.TextLayout;
import java.awt.geom.PathIterator;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A VectorGraphics2D that writes chart text as SVG {@code <text>} instead of glyph outlines.
 * XChart draws every label as the outline of a {@link TextLayout} filled at the origin of a
 * translated (or rotated) transform, which VectorGraphics2D can only write as a path: about a
 * kilobyte per short label, most of an inline chart's weight. Given the strings the chart can
 * draw and its fonts, a filled shape that is exactly the outline of one of them is drawn as that
 * string instead; any other shape is filled as usual, so an unknown label still shows, as a path.
 *
 * <p>VectorGraphics2D leaves out the font size when it is 12 px: the page gives inline SVG that
 * size ({@code .chart svg} in {@link HtmlReport}), else the browser's 16 px would apply.
 *
 * <p>{@code candidates} may grow while the chart paints (tick labels come from formatting
 * functions that record what they return): outlines are computed for new strings on demand.
 */
final class TextAsText extends VectorGraphics2D {

    /** @param rotation how XChart turned the outline (identity, upwards for the y axis title, tilted tick labels) */
    private record Text(String text, Font font, AffineTransform rotation) {
    }

    private final Collection<String> candidates;
    private final List<Font> fonts;
    private final List<AffineTransform> rotations;
    private final Set<String> done = new HashSet<>();
    private final Map<String, Text> byOutline = new HashMap<>();

    /** @param xLabelRotation the chart's x tick label rotation in degrees (XChart turns them by its negative) */
    TextAsText(Collection<String> candidates, List<Font> fonts, int xLabelRotation) {
        this.candidates = candidates;
        this.fonts = fonts;
        this.rotations = List.of(AffineTransform.getQuadrantRotateInstance(-1),
                AffineTransform.getRotateInstance(-Math.toRadians(xLabelRotation), 0, 0));
    }

    @Override
    public void fill(Shape s) {
        Text t = byOutline.isEmpty() && candidates.isEmpty() ? null : lookup(s);
        if (t == null) {
            super.fill(s);
            return;
        }
        Font old = getFont();
        AffineTransform at = getTransform();
        setFont(t.font());
        transform(t.rotation());
        drawString(t.text(), 0f, 0f);
        setTransform(at);
        setFont(old);
    }

    private Text lookup(Shape s) {
        String key = signature(s);
        Text t = byOutline.get(key);
        if (t == null && learn()) {
            t = byOutline.get(key);
        }
        return t;
    }

    /** Outlines of the candidates not seen yet, in every font; false when there was none new. */
    private boolean learn() {
        boolean any = false;
        for (String c : List.copyOf(candidates)) {
            if (c == null || c.isBlank() || !done.add(c)) {
                continue;
            }
            any = true;
            for (Font f : fonts) {
                TextLayout layout = new TextLayout(c, f, getFontRenderContext());
                byOutline.putIfAbsent(signature(layout.getOutline(null)), new Text(c, f, new AffineTransform()));
                for (AffineTransform r : rotations) {
                    byOutline.putIfAbsent(signature(layout.getOutline(r)), new Text(c, f, r));
                }
            }
        }
        return any;
    }

    /** The exact geometry of a shape as text: equal for two outlines of the same string and font. */
    private static String signature(Shape s) {
        StringBuilder b = new StringBuilder(256);
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            b.append(type);
            int n = switch (type) {
                case PathIterator.SEG_MOVETO, PathIterator.SEG_LINETO -> 2;
                case PathIterator.SEG_QUADTO -> 4;
                case PathIterator.SEG_CUBICTO -> 6;
                default -> 0;
            };
            for (int i = 0; i < n; i++) {
                b.append(',').append((float) c[i]);
            }
            b.append(';');
        }
        return b.toString();
    }
}
