package dev.poolbench.harness.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of the report before rendering, or the one-line note that stands in for a chart
 * the data cannot draw (e.g. scaling with a single parallelism).
 *
 * @param id    unique, usable as a file name (the PNG beside report.md is {@code <id>.png})
 * @param chart null when only {@code note} is shown
 * @param note  a caveat printed under the chart (or instead of it), or empty
 */
public record ReportChart(String id, String title, Chart<?, ?> chart, String note) {

    static ReportChart noteOnly(String id, String title, String note) {
        return new ReportChart(id, title, null, note);
    }
}
