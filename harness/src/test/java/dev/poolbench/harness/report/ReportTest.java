package dev.poolbench.harness.report;

import dev.poolbench.harness.cli.PoolbenchCommand;
import dev.poolbench.harness.measure.IterationSample;
import dev.poolbench.harness.measure.Samples;
import dev.poolbench.harness.measure.PhaseResult;
import dev.poolbench.harness.measure.ResultsWriter;
import dev.poolbench.harness.measure.RowResult;
import dev.poolbench.harness.measure.RowSpec;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code poolbench report} on a small synthetic result folder written by ResultsWriter: both
 * files, a self-contained HTML page with one inline SVG per drawn chart, a recommendation that
 * names the winner with its significance, invalid rows listed and never ranked, and exit 2 with
 * file and line for bad input.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportTest {

    private static final int ITERATIONS = 6; // enough for Mann–Whitney to reach α = 0.01

    /**
     * One configuration on OneToManyWorkerPool/cpu: a throughput phase and a latency phase at 50 %
     * load whose latencies are uniform on 1..maxUs µs (so p99 ≈ 0.99 maxUs).
     */
    private static RowResult row(String engine, int parallelism, double throughput, long maxUs, double cpuNs,
                                 String invalidReason) {
        return row(engine, "OneToManyWorkerPool", parallelism, throughput, maxUs, cpuNs, invalidReason);
    }

    /** The same on scenario {@code scenario}. */
    static RowResult row(String engine, String scenario, int parallelism, double throughput, long maxUs, double cpuNs,
                         String invalidReason) {
        RowSpec spec = new RowSpec(engine, scenario, "cpu", parallelism, 1024, Map.of(), List.of(0.5),
                0, 0, 200, Duration.ofMillis(100), 1, ITERATIONS, 42, null, false);
        return new RowResult(spec, "pool", parallelism, 1024, List.of(
                phase("throughput", Double.NaN, 0, throughput, maxUs, cpuNs, invalidReason),
                phase("latency", 0.5, throughput / 2, throughput / 2, maxUs, cpuNs, invalidReason)), null, List.of());
    }

    private static PhaseResult phase(String mode, double load, double rate, double throughput, long maxUs,
                                     double cpuNs, String invalidReason) {
        List<IterationSample> samples = new ArrayList<>();
        List<Histogram> lat = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            Histogram h = new Histogram(3_600_000_000_000L, 3);
            for (long v = 1; v <= maxUs; v++) {
                h.recordValue(v * 1000);
            }
            boolean valid = invalidReason == null || i > 0;
            samples.add(Samples.sample(i, 0, 1000, 1_000_000_000L, throughput * (1 + 0.01 * i),
                    maxUs / 2.0, maxUs * 0.99 * (1 + 0.01 * i), maxUs, maxUs, cpuNs * (1 + 0.01 * i),
                    valid, invalidReason));
            lat.add(h);
        }
        return Samples.phase(mode, load, rate, samples, lat);
    }

    /** executor beats sequential everywhere; forkjoin has the best p99; virtual "wins" everything but is invalid. */
    private static void writeFolder(Path dir) throws Exception {
        new ResultsWriter(dir).write(Map.of("run_id", "synthetic", "cores", "2"), List.of(
                row("sequential", 1, 100_000, 1000, 1000, null),
                row("executor", 2, 200_000, 500, 900, null),
                row("forkjoin", 2, 150_000, 300, 1200, null),
                row("virtual", 2, 900_000, 50, 100, "digest mismatch: expected 1f, got 2e")));
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PoolbenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(exit, out.toString(), err.toString());
    }

    @Test
    void writesASelfContainedHtmlAndAMarkdownReportWithTheRecommendation(@TempDir Path tmp) throws Exception {
        Path results = tmp.resolve("results");
        Path out = tmp.resolve("report");
        writeFolder(results);

        Cli r = cli("report", results.toString(), "--out", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("report: " + out.resolve("report.html").toAbsolutePath());
        String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
        String md = Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<img").doesNotContain("<link");
        // first screen: the run-on line, the matrix, the recommendation; the manifest at the end
        assertThat(html).contains("run on: 2 cores, unknown CPU, JDK ?");
        assertThat(html.indexOf("run on:")).isLessThan(html.indexOf("<table class=\"matrix\""));
        assertThat(html.indexOf("<table")).isEqualTo(html.indexOf("<table class=\"matrix\""));
        assertThat(html.indexOf("<table class=\"matrix\"")).isLessThan(html.indexOf("id=\"recommendation\""));
        assertThat(html.indexOf("id=\"recommendation\"")).isLessThan(html.indexOf("id=\"charts\""));
        assertThat(html.indexOf("id=\"manifest\"")).isGreaterThan(html.indexOf("id=\"charts\""));
        assertThat(html.indexOf("synthetic")).isGreaterThan(html.indexOf("id=\"manifest\""));
        // the matrix is also report.md's first table: executor best on throughput and CPU, forkjoin on p99
        String matrix = md.substring(md.indexOf("\n|"), md.indexOf("\n\n", md.indexOf("\n|")));
        assertThat(md.indexOf("\n|") + 1).isEqualTo(md.indexOf("| workload (common offered load) | sequential | executor | forkjoin | virtual |"));
        assertThat(matrix).containsPattern("\\| OneToManyWorkerPool / cpu \\(p99 at [0-9,]+/s offered \\(50% [^|]*\\) \\| "
                + "0\\.50× sig\\. · p99 [0-9,]+ µs sig\\. · [0-9,]+ ns/item sig\\. \\| "
                + "1\\.00× best · p99 [0-9,]+ µs sig\\. · [0-9,]+ ns/item best \\| "
                + "0\\.75× sig\\. · p99 [0-9,]+ µs best · [0-9,]+ ns/item sig\\. \\| "
                + "INVALID: digest mismatch: expected 1f, got 2e \\|");
        assertThat(html).contains("<td class=\"cell invalid\"");
        // the recommendation names the winner, its margin and the significance (6 vs 6 iterations)
        String win = "OneToManyWorkerPool / cpu: executor p=2 b=1,024 wins throughput by 1.33× over forkjoin p=2 b=1,024";
        assertThat(html).contains(win.substring("OneToManyWorkerPool / cpu: ".length()));
        assertThat(md).contains(win);
        assertThat(md).containsPattern("wins throughput by 1\\.33× over forkjoin [^\\n]*, significant, p [<=] 0\\.00\\d");
        assertThat(md).containsPattern("forkjoin p=2 b=1,024 wins p99 at [0-9,]+/s offered \\(50% of the slowest "
                + "engine's saturation\\) by 1\\.67× over executor p=2 b=1,024");
        assertThat(md).contains("executor p=2 b=1,024 wins CPU per item by 1.11× over sequential p=1 b=1,024");
        // Pareto set: executor and forkjoin; sequential is beaten on all three, virtual is invalid
        String pareto = section(md, "Pareto set (", "## Attribution");
        assertThat(pareto).contains("| executor p=2 b=1,024 |").contains("| forkjoin p=2 b=1,024 |")
                .doesNotContain("sequential").doesNotContain("virtual");
        // invalid rows: listed with their reason, never ranked, never the winner; every engine appears
        String invalid = section(md, "## Invalid rows", "## Engines");
        assertThat(invalid).contains("| virtual |").contains("digest mismatch: expected 1f, got 2e")
                .contains("summary.csv:");
        assertThat(section(md, "## Recommendation", "## Results")).doesNotContain("virtual");
        assertThat(section(md, "## Results", "## Invalid rows")).containsPattern("\\| INVALID \\| virtual p=2");
        assertThat(section(md, "## Engines", "## Manifest")).contains("| sequential |", "| executor |",
                "| forkjoin |", "| virtual |");
        // attribution: every latency phase of the valid configurations, with the largest part named
        String attribution = section(md, "## Attribution", "## Charts");
        assertThat(attribution).contains("| configuration | offered items/s | achieved items/s | p99 µs (corrected) "
                + "| service p99 µs | admission wait p99 µs | generator lag p99 µs | hiccup p99 (fork) µs")
                .contains("| executor p=2 b=1,024 |").contains("service p99 (engine)").doesNotContain("virtual");
        // charts: throughput, percentiles, J-curve (one load point, said so), CPU; scaling skipped with a note
        assertThat(md).contains("one load point only").contains("Scaling not drawn");
        List<String> ids = List.of("throughput", "percentiles", "jcurve", "cpu");
        if (countOf(html, "chart not drawn") == 0) {
            assertThat(countOf(html, "<svg")).isEqualTo(ids.size());
            // labels are SVG text, not glyph outlines; every engine keeps its colour from the palette
            assertThat(html).contains(">Throughput: OneToManyWorkerPool / cpu</text>")
                    .contains(">executor p2 b1024</text>").contains(">sequential threads</text>");
            assertThat(html).contains("fill:rgb(31,119,180)").contains("fill:rgb(140,140,140)");
            for (String id : ids) {
                String png = "chart-OneToManyWorkerPool-cpu-" + id + ".png";
                assertThat(html).containsPattern("<figure class=\"chart\" id=\"OneToManyWorkerPool-cpu-" + id
                        + "\">\\s*<svg[^>]*viewBox=");
                assertThat(md).contains("](" + png + ")");
                byte[] bytes = Files.readAllBytes(out.resolve(png));
                assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            }
        } else {
            // a machine without fonts: every chart is replaced by the note that says why, nothing else fails
            assertThat(countOf(html, "<svg")).isZero();
            assertThat(countOf(html, "chart not drawn")).isEqualTo(ids.size());
            assertThat(r.err()).contains("chart(s) not drawn");
        }
    }

    @Test
    void reportsIntoTheFirstFolderWithoutOut(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(tmp.resolve("report.html")).exists();
        assertThat(tmp.resolve("report.md")).exists();
    }

    @Test
    void aFolderWithoutResultsExits2NamingTheMissingFile(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        Cli r = cli("report", tmp.resolve("empty").toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains(tmp.resolve("empty").resolve("summary.csv") + ": missing");

        Cli none = cli("report", tmp.resolve("no-such-dir").toString());
        assertThat(none.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(none.err()).contains("no-such-dir: not a directory");
    }

    @Test
    void aCorruptCsvExits2WithFileAndLine(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Path summary = tmp.resolve("summary.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(summary, StandardCharsets.UTF_8));
        lines.set(2, lines.get(2).substring(0, lines.get(2).length() / 2)); // truncate line 3
        Files.write(summary, lines, StandardCharsets.UTF_8);
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains("summary.csv:3:");
        assertThat(tmp.resolve("report.html")).doesNotExist();
    }

    @Test
    void aNonNumericCellExits2WithFileLineAndColumn(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Path samples = tmp.resolve("samples.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(samples, StandardCharsets.UTF_8));
        int column = List.of(lines.get(0).split(",")).indexOf("throughput_ops_s");
        String[] cells = lines.get(4).split(",", -1);
        cells[column] = "fast";
        lines.set(4, String.join(",", cells));
        Files.write(samples, lines, StandardCharsets.UTF_8);
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains("samples.csv:5: column throughput_ops_s: 'fast' is not a number");
    }

    @Test
    void theJmhSectionShowsTheTopologyTablesWithEngineOverRaw(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Files.writeString(tmp.resolve("jmh-result.json"), "[" + topologyResult("RawTopologyBenchmark",
                "\"primitive\": \"lbq\", \"topology\": \"unicast\"", 3_000_000) + ","
                + topologyResult("EngineTopologyBenchmark", "\"engine\": \"executor\", \"topology\": \"unicast\"",
                1_000_000) + "," + topologyResult("RawTopologyBenchmark",
                "\"primitive\": \"threadpool\", \"topology\": \"unicast\"", 1_500_000) + "]");
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(tmp.resolve("report.md"), StandardCharsets.UTF_8);
        assertThat(md).contains("| topology | threads | lbq | threadpool |", "| unicast | 2 | 3,000,000 | 1,500,000 |",
                "| unicast | executor | 1,000,000 | threadpool | 1,500,000 | 1.50x |");
        assertThat(Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("<h3>Raw primitives in the LMAX perftest topologies");
    }

    private static String topologyResult(String benchmark, String params, double score) {
        return "{\"benchmark\": \"dev.poolbench.harness.jmh." + benchmark + ".pass\", \"mode\": \"thrpt\", \"params\": {"
                + params + "}, \"primaryMetric\": {\"score\": " + score + ", \"scoreError\": 1.0, \"scoreUnit\": \"ops/s\"}}";
    }

    @Test
    void aMalformedJmhResultExits2WithFileAndLine(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Files.writeString(tmp.resolve("jmh-result.json"), "[\n  {\"benchmark\": \"x\",\n  \"mode\" \"thrpt\"}\n]\n");
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains("jmh-result.json:3: malformed JSON");
    }

    @Test
    void aReportOfOneForkRowsSaysNotTested(@TempDir Path tmp) throws Exception {
        RowResult exec = row("executor", 2, 200_000, 500, 900, null);
        RowResult seq = row("sequential", 1, 100_000, 1000, 1000, null);
        new ResultsWriter(tmp).write(Map.of("run_id", "one-fork", "cores", "2"), List.of(oneFork(seq), oneFork(exec)));
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(tmp.resolve("report.md"), StandardCharsets.UTF_8))
                .contains("not tested (fewer than 3 forks per side: 1 and 1)").doesNotContain(", significant");
    }

    /** {@code row} with every pass moved into fork 0. */
    private static RowResult oneFork(RowResult r) {
        List<PhaseResult> phases = new ArrayList<>();
        for (PhaseResult p : r.phases()) {
            List<IterationSample> samples = p.samples().stream().map(x -> Samples.sample(0, x.iteration() + x.fork(),
                    x.items(), x.elapsedNanos(), x.throughput(), x.p50Us(), x.p99Us(), x.p999Us(), x.maxUs(),
                    x.cpuNsPerItem(), x.valid(), x.reason())).toList();
            phases.add(Samples.phase(p.mode(), p.load(), p.arrivalRate(), samples,
                    p.intervals(dev.poolbench.harness.measure.HistogramKind.LATENCY)));
        }
        return new RowResult(r.spec(), r.pattern(), r.parallelism(), r.buffer(), phases, null, List.of());
    }

    @Test
    void significanceIsWelchOnForksAndNeedsThreeForksPerSide() {
        Significance few = Significance.of(new double[]{1, 2}, new double[]{10, 11, 12, 13, 14});
        assertThat(few.significant()).isFalse();
        assertThat(few.words()).isEqualTo("not tested (fewer than 3 forks per side: 2 and 5)");
        assertThat(few.mark()).isEqualTo("not tested");
        Significance separated = Significance.of(new double[]{100, 102, 98, 101, 99},
                new double[]{130, 132, 128, 131, 129});
        assertThat(separated.significant()).isTrue();
        assertThat(separated.words()).startsWith("significant, p < 0.001").endsWith("5 vs 5 forks");
        Significance mixed = Significance.of(new double[]{1, 12, 3, 14, 5}, new double[]{10, 2, 11, 4, 13});
        assertThat(mixed.significant()).isFalse();
        assertThat(mixed.words()).startsWith("not significant, p = ");
        assertThat(mixed.mark()).isEqualTo("not significant");
    }

    @Test
    void percentileAxisLabelsWholeDecades() {
        assertThat(ChartFactory.percentileLabel(0)).isEqualTo("0%");
        assertThat(ChartFactory.percentileLabel(1)).isEqualTo("90%");
        assertThat(ChartFactory.percentileLabel(3)).isEqualTo("99.9%");
        assertThat(ChartFactory.percentileLabel(2.5)).isEmpty();
    }

    @Test
    void logAxesLabelEveryDecadeInPlainNumbers() {
        assertThat(Decades.label(0)).isEqualTo("1");
        assertThat(Decades.label(3)).isEqualTo("1,000");
        assertThat(Decades.label(-2)).isEqualTo("0.01");
        assertThat(Decades.label(2.5)).isEmpty();
    }

    @Test
    void aSaturatedCellSaysSoAndIsNotRankedOnP99(@TempDir Path tmp) throws Exception {
        writeFolder(tmp);
        Path summary = tmp.resolve("summary.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(summary, StandardCharsets.UTF_8));
        List<String> header = List.of(lines.get(0).split(","));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells[0].equals("forkjoin") && cells[header.indexOf("mode")].equals("latency")) {
                cells[header.indexOf("saturated")] = "true";
                lines.set(i, String.join(",", cells));
            }
        }
        Files.write(summary, lines, StandardCharsets.UTF_8);
        Cli r = cli("report", tmp.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String md = Files.readString(tmp.resolve("report.md"), StandardCharsets.UTF_8);
        String matrix = section(md, "## Which primitive?", "## Recommendation");
        assertThat(matrix).contains("0.75× sig. · p99 saturated (not ranked) ·")
                .containsPattern("1\\.00× best · p99 [0-9,]+ µs best");
        assertThat(md).contains("executor p=2 b=1,024 wins p99").contains("1 configuration(s) saturated at");
        assertThat(Files.readString(tmp.resolve("report.html"), StandardCharsets.UTF_8))
                .contains("<span class=\"sat\">p99 saturated</span>");
    }

    private static String section(String text, String from, String to) {
        int a = text.indexOf(from);
        int b = text.indexOf(to, a + 1);
        assertThat(a).as("section " + from).isNotNegative();
        return text.substring(a, b < 0 ? text.length() : b);
    }

    private static int countOf(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
