package dev.poolbench.harness.report;

import java.util.Locale;

/** Number and text formatting shared by the HTML and Markdown reports (decimal point whatever the locale). */
final class Fmt {

    private Fmt() {
    }

    /** 1,234,567 · 12.3 · 1.23 · "–" for NaN. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 100) {
            return Long.toString((long) v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A ratio ≥ 1 as "38×", "2.4×", "1.12×". */
    static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "–";
        }
        if (r >= 10) {
            return String.format(Locale.ROOT, "%.0f×", r);
        }
        if (r >= 2) {
            return String.format(Locale.ROOT, "%.1f×", r);
        }
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /** A Markdown table cell: pipes escaped, no line breaks. */
    static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
