package dev.poolbench.harness.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One colour per engine, the same in every chart of every report (HTML and PNG): the built-in
 * engines have fixed colours, {@code sequential} (the baseline) is grey, and an engine from
 * {@code --engine-jar} gets one of the remaining colours by its name, so it too keeps its colour
 * from one report to the next.
 */
final class EnginePalette {

    private static final Map<String, Color> FIXED = Map.of(
            "sequential", new Color(0x8c8c8c),
            "executor", new Color(0x1f77b4),
            "virtual", new Color(0xff7f0e),
            "forkjoin", new Color(0x2ca02c),
            "disruptor", new Color(0xd62728));

    private static final List<Color> OTHERS = List.of(new Color(0x9467bd), new Color(0x8c564b),
            new Color(0xe377c2), new Color(0x17becf), new Color(0xbcbd22), new Color(0x393b79));

    private EnginePalette() {
    }

    static Color of(String engine) {
        Color c = FIXED.get(engine);
        return c != null ? c : OTHERS.get(Math.floorMod(engine.hashCode(), OTHERS.size()));
    }

    /** "#1f77b4" for CSS. */
    static String css(String engine) {
        Color c = of(engine);
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
