package dev.poolbench.harness.compare;

import dev.poolbench.harness.measure.ResultsWriter;

import java.util.List;

/**
 * Row keys and labels of poolbench rows, the same for a result folder's samples.csv and for the
 * forks of an A/B run, so A/B output folders can be re-compared in baseline mode. The key has
 * {@code ResultsReader.Line.key()}'s format: the key columns but {@code pattern}, each followed
 * by {@code |}.
 */
final class RowLabels {

    private RowLabels() {
    }

    static String key(String engine, String scenario, String profile, String parallelism, String buffer,
                      String engineOptions, String mode, String load) {
        StringBuilder b = new StringBuilder();
        for (String v : List.of(engine, scenario, profile, parallelism, buffer, engineOptions, mode, load)) {
            b.append(v).append('|');
        }
        return b.toString();
    }

    /** {@code executor OneToManyWorkerPool cpu p=2 b=1024 [opts] latency@0.50} */
    static String label(String engine, String scenario, String profile, String parallelism, String buffer,
                        String engineOptions, String mode, String load) {
        StringBuilder b = new StringBuilder(engine).append(' ').append(scenario).append(' ').append(profile)
                .append(" p=").append(parallelism).append(" b=").append(buffer);
        if (!engineOptions.isEmpty()) {
            b.append(' ').append(engineOptions);
        }
        b.append(' ').append(mode);
        if (!load.isEmpty()) {
            b.append('@').append(load);
        }
        return b.toString();
    }

    /** The metrics a phase of this mode is compared on. */
    static List<Metric> metricsOf(String mode) {
        return mode.equals("throughput") ? List.of(Metric.THROUGHPUT, Metric.CPU)
                : List.of(Metric.P99, Metric.P999, Metric.MAX);
    }

    static String load(double load) {
        return Double.isNaN(load) ? "" : ResultsWriter.num(load);
    }
}
