package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a result folder (SPEC §6): manifest.csv, summary.csv, samples.csv, histograms.csv, one
 * .hlog and one .hgrm per row and phase, bigger-is-better.json and smaller-is-better.json.
 * Every number uses a decimal point whatever the locale; every column is documented in
 * results/README.md. Rewritten whole after each finished row, so an interrupted run keeps what
 * finished.
 */
public final class ResultsWriter {

    public static final String[] KEY = {"engine", "scenario", "pattern", "profile", "parallelism", "buffer",
            "engine_options", "mode", "load"};
    public static final String[] SUMMARY = concat(concat(KEY, "arrival_rate_ops_s", "valid", "invalid_reason",
            "saturated"), concat(SummaryRow.MEASURES.toArray(String[]::new), "forks", "iterations", "items"));
    public static final String[] SAMPLES = concat(KEY, SampleColumns.names().toArray(String[]::new));
    public static final String[] HISTOGRAMS = concat(KEY, "kind", "percentile", "value_us", "total_count",
            "one_over_one_minus_p");

    private final Path dir;

    public ResultsWriter(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes every file for {@code rows} (forks already merged) and the manifest. */
    public List<SummaryRow> write(Map<String, String> manifest, List<RowResult> rows) throws IOException {
        Files.createDirectories(dir);
        try (CSVPrinter csv = printer("manifest.csv", "key", "value")) {
            for (Map.Entry<String, String> e : manifest.entrySet()) {
                csv.printRecord(e.getKey(), e.getValue());
            }
        }
        List<SummaryRow> summary = Summaries.of(rows);
        try (CSVPrinter csv = printer("summary.csv", SUMMARY)) {
            for (SummaryRow s : summary) {
                List<Object> r = key(s, s.mode(), s.load());
                r.addAll(List.of(s.arrivalRate() > 0 ? num(s.arrivalRate()) : "", s.valid(), s.invalidReason(),
                        s.saturated()));
                for (String m : SummaryRow.MEASURES) {
                    r.add(num(s.value(m)));
                }
                r.addAll(List.of(s.forks(), s.iterations(), s.items()));
                csv.printRecord(r);
            }
        }
        try (CSVPrinter samples = printer("samples.csv", SAMPLES);
             CSVPrinter hist = printer("histograms.csv", HISTOGRAMS)) {
            for (RowResult row : rows) {
                for (PhaseResult ph : row.phases()) {
                    SummaryRow s = SummaryRow.of(row, ph);
                    List<Object> k = key(s, ph.mode(), ph.load());
                    for (IterationSample it : ph.samples()) {
                        List<Object> r = new ArrayList<>(k);
                        r.addAll(SampleColumns.values(it, ResultsWriter::num));
                        samples.printRecord(r);
                    }
                    for (HistogramKind kind : HistogramKind.values()) {
                        distribution(hist, k, kind.label(), ph.merged(kind));
                    }
                    String base = fileBase(s);
                    writeHgrm(base + ".hgrm", ph.latency());
                    writeHlog(base + ".hlog", ph);
                }
            }
        }
        writeBenchmarkJson(summary);
        return summary;
    }

    private static List<Object> key(SummaryRow s, String mode, double load) {
        return new ArrayList<>(List.of(s.engine(), s.scenario(), s.pattern(), s.profile(), s.parallelism(),
                s.buffer(), s.engineOptions(), mode, Double.isNaN(load) ? "" : num(load)));
    }

    private static void distribution(CSVPrinter csv, List<Object> key, String kind, Histogram h) throws IOException {
        if (h.getTotalCount() == 0) {
            return;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo();
            List<Object> r = new ArrayList<>(key);
            r.addAll(List.of(kind, num(p), num(v.getValueIteratedTo() / 1000.0), v.getTotalCountToThisValue(),
                    p >= 100 ? "" : num(1 / (1 - p / 100))));
            csv.printRecord(r);
        }
    }

    private void writeHgrm(String name, Histogram h) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(name)), false, StandardCharsets.UTF_8)) {
            if (h.getTotalCount() > 0) {
                h.outputPercentileDistribution(out, 5, 1000.0); // µs
            }
        }
    }

    private void writeHlog(String name, PhaseResult ph) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(name)), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("poolbench " + name + ": one interval per measured pass, ns; tags "
                    + "latency|service|generator_lag|admission_wait|hiccup; pass i of fork f starts at "
                    + "(index of the pass) seconds");
            log.outputLogFormatVersion();
            log.outputStartTime(0);
            log.outputLegend();
            for (HistogramKind kind : HistogramKind.values()) {
                List<Histogram> hs = ph.intervals(kind);
                for (int i = 0; i < hs.size(); i++) {
                    Histogram h = hs.get(i).copy();
                    h.setTag(kind.label());
                    h.setStartTimeStamp(i * 1000L);
                    h.setEndTimeStamp(i * 1000L + 1000);
                    log.outputIntervalHistogram(h);
                }
            }
        }
    }

    /** github-action-benchmark's custom format: throughput bigger is better; p99 and CPU/item smaller. */
    private void writeBenchmarkJson(List<SummaryRow> summary) throws IOException {
        StringBuilder bigger = new StringBuilder("[\n");
        StringBuilder smaller = new StringBuilder("[\n");
        for (SummaryRow s : summary) {
            if (!s.valid()) {
                continue;
            }
            String name = s.engine() + " " + s.scenario() + " " + s.profile() + " p=" + s.parallelism() + " b="
                    + s.buffer() + (s.engineOptions().isEmpty() ? "" : " " + s.engineOptions()) + " " + s.phaseLabel();
            if (s.mode().equals("throughput")) {
                entry(bigger, name, "ops/s", s.throughput(), "min " + num(s.throughputMin())
                        + ", max " + num(s.throughputMax()));
                entry(smaller, name + " cpu/item", "ns", s.cpuNsPerItem(), null);
            } else {
                entry(smaller, name + " p99", "us", s.p99Us(), "p50 " + num(s.p50Us()) + ", p99.9 " + num(s.p999Us()));
            }
        }
        Files.writeString(dir.resolve("bigger-is-better.json"), close(bigger), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("smaller-is-better.json"), close(smaller), StandardCharsets.UTF_8);
    }

    private static void entry(StringBuilder b, String name, String unit, double value, String range) {
        if (b.length() > 2) {
            b.append(",\n");
        }
        b.append("  {\"name\": \"").append(json(name)).append("\", \"unit\": \"").append(unit)
                .append("\", \"value\": ").append(num(value));
        if (range != null) {
            b.append(", \"range\": \"").append(json(range)).append('"');
        }
        b.append('}');
    }

    private static String close(StringBuilder b) {
        return b.append("\n]\n").toString();
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private CSVPrinter printer(String name, String... header) throws IOException {
        Writer w = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
        return CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get().print(w);
    }

    /** A number with a decimal point (never a comma), 3 decimals, or empty for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** The name of fork {@code fork}'s GC log of {@code spec}'s row: engine_scenario_profile_p_b[_opts]_f&lt;fork&gt;.gc.log. */
    public static String gcLogName(RowSpec spec, int fork) {
        String raw = spec.engine() + "_" + spec.scenario() + "_" + spec.profile() + "_p" + spec.parallelism() + "_b"
                + spec.buffer() + (spec.engineOptionsKey().isEmpty() ? "" : "_" + spec.engineOptionsKey()) + "_f"
                + fork;
        return raw.replaceAll("[^A-Za-z0-9._=@-]+", "-") + ".gc.log";
    }

    /** A file name for one row and phase: engine_scenario_profile_p_b[_opts]_phase. */
    static String fileBase(SummaryRow s) {
        String raw = s.engine() + "_" + s.scenario() + "_" + s.profile() + "_p" + s.parallelism() + "_b" + s.buffer()
                + (s.engineOptions().isEmpty() ? "" : "_" + s.engineOptions()) + "_" + s.phaseLabel();
        return raw.replaceAll("[^A-Za-z0-9._=@-]+", "-");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
