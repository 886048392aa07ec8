package dev.poolbench.harness.report;

/**
 * A chart after rendering: its inline SVG and the name of its PNG beside report.md, or only
 * the note when there was nothing to draw or rendering failed.
 */
record DrawnChart(ReportChart chart, ChartRenderer.Rendered rendered, String pngName) {

    boolean drawn() {
        return rendered != null && rendered.ok();
    }

    /** The caption under the chart, or the text instead of it. */
    String caption() {
        if (rendered != null && !rendered.ok()) {
            return rendered.failure();
        }
        return chart.note();
    }
}
