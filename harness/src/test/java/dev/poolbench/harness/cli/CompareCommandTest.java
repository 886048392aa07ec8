package dev.poolbench.harness.cli;

import dev.poolbench.harness.compare.JmhResultSamplesTestData;
import dev.poolbench.harness.measure.IterationSample;
import dev.poolbench.harness.measure.Samples;
import dev.poolbench.harness.measure.PhaseResult;
import dev.poolbench.harness.measure.ResultsReader;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code poolbench compare} end to end: baseline mode on synthetic result folders, JMH files, exit codes, one tiny A/B run. */
class CompareCommandTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PoolbenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** A result folder: one row per scenario, 10 iterations of throughput (× scale) and latency (p99 × latencyScale). */
    private static Path folder(Path dir, double scale, double latencyScale, boolean valid, String... scenarios)
            throws Exception {
        SplittableRandom rnd = new SplittableRandom(dir.toString().hashCode());
        List<RowResult> rows = new ArrayList<>();
        for (String sc : scenarios) {
            RowSpec spec = new RowSpec("executor", sc, "cpu", 2, 1024, Map.of(), List.of(0.5), 0, 0, 200,
                    Duration.ofMillis(100), 1, 10, 42, null, false);
            List<IterationSample> thrSamples = new ArrayList<>();
            List<IterationSample> latSamples = new ArrayList<>();
            List<Histogram> hs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                double noise = 1 + 0.02 * (2 * rnd.nextDouble() - 1);
                Histogram h = new Histogram(3_600_000_000_000L, 3);
                h.recordValue(1000);
                thrSamples.add(Samples.sample(0, i, 1000, 1_000_000, 100_000 * scale * noise, 50, 90, 95, 99,
                        2000 / scale * noise, valid, "digest mismatch"));
                latSamples.add(Samples.sample(0, i, 1000, 1_000_000, 5000, 50, 900 * latencyScale * noise,
                        990 * latencyScale * noise, 1500 * noise, 2000, true, ""));
                hs.add(h);
            }
            PhaseResult thr = Samples.phase("throughput", Double.NaN, 0, thrSamples, hs);
            PhaseResult lat = Samples.phase("latency", 0.5, 5000, latSamples, hs);
            rows.add(new RowResult(spec, "pool", 2, 1024, List.of(thr, lat), null, List.of()));
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("jvm_version", "25");
        manifest.put("cores", "2");
        manifest.put("cpu_model", "test cpu");
        new ResultsWriter(dir).write(manifest, rows);
        return dir;
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aFolderAgainstACopyOfItselfIsUnchangedAndExits0(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool", "ThreeToOneMerge");
        copy(base, dir.resolve("copy"));
        Result r = run("compare", base.toString(), dir.resolve("copy").toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("## poolbench compare: baseline").contains("| executor OneToManyWorkerPool cpu")
                .contains("unchanged").doesNotContain("regressed |").doesNotContain("⚠");
        List<ResultsReader.Line> csv = ResultsReader.read(dir.resolve("cmp/compare.csv"),
                new String[]{"row", "metric", "ratio", "verdict"});
        assertThat(csv).hasSize(2 * 5).allMatch(l -> l.number("ratio") == 1.0);
        assertThat(csv).filteredOn(l -> !l.text("metric").equals("p99.9") && !l.text("metric").equals("max"))
                .allMatch(l -> l.text("verdict").equals("unchanged"));
    }

    @Test
    void aSlowerCurrentFolderIsARegressionAndExits3(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool");
        Path cur = folder(dir.resolve("cur"), 0.7, 1.6, true, "OneToManyWorkerPool");
        Result r = run("compare", base.toString(), cur.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(PoolbenchCommand.EXIT_REGRESSION);
        assertThat(r.out()).contains("**Verdict: REGRESSED**").contains("**regressed**");
        // one fork per folder: the samples are its passes, and the report says they are not independent
        assertThat(r.out()).contains("A: iterations, not independent");
        List<ResultsReader.Line> csv = ResultsReader.read(dir.resolve("cmp/compare.csv"),
                new String[]{"metric", "verdict"});
        assertThat(csv).filteredOn(l -> List.of("throughput", "cpu/item", "p99").contains(l.text("metric")))
                .hasSize(3).allMatch(l -> l.text("verdict").equals("regressed"));
    }

    @Test
    void differingManifestsAreWarnedAbout(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool");
        Path cur = folder(dir.resolve("cur"), 1, 1, true, "OneToManyWorkerPool");
        Files.writeString(cur.resolve("manifest.csv"), "key,value\njvm_version,21\ncores,2\ncpu_model,test cpu\n");
        Result r = run("compare", base.toString(), cur.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("⚠ manifests differ in jvm_version: `25` (A) vs `21` (B)");
    }

    @Test
    void aTruncatedSamplesFileExits2NamingFileAndLine(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool");
        Path cur = dir.resolve("cur");
        copy(base, cur);
        Path samples = cur.resolve("samples.csv");
        List<String> lines = Files.readAllLines(samples, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.length() / 3));
        Files.write(samples, lines, StandardCharsets.UTF_8);
        Result r = run("compare", base.toString(), cur.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).startsWith("poolbench: ").contains(samples + ":" + lines.size());
    }

    @Test
    void missingInputsExit2(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool");
        assertThat(run("compare", base.toString(), dir.resolve("nope").toString()).exit()).isEqualTo(2);
        Files.createDirectories(dir.resolve("empty"));
        Result r = run("compare", base.toString(), dir.resolve("empty").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("samples.csv: missing");
        assertThat(run("compare", base.toString()).exit()).isEqualTo(2);
        assertThat(run("compare", base.toString(), base.toString(), "--rounds", "3").err()).contains("--rounds");
        assertThat(run("compare", "--a-java", dir.toString(), "--quick").err()).contains("--a-java");
        assertThat(run("compare", "--aa", "--b-jvm-args=-Xint").exit()).isEqualTo(2);
        assertThat(run("compare", base.toString(), base.toString(), "--threshold-p99", "2").exit()).isEqualTo(2);
    }

    @Test
    void differingScenarioSetsExit2NamingTheRows(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool", "ThreeToOneMerge");
        Path cur = folder(dir.resolve("cur"), 1, 1, true, "OneToManyWorkerPool");
        Result r = run("compare", base.toString(), cur.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).contains("different rows").contains("only in " + base).contains("ThreeToOneMerge");
    }

    @Test
    void anInvalidRowExits4(@TempDir Path dir) throws Exception {
        Path base = folder(dir.resolve("base"), 1, 1, true, "OneToManyWorkerPool");
        Path cur = folder(dir.resolve("cur"), 1, 1, false, "OneToManyWorkerPool");
        Result r = run("compare", base.toString(), cur.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).isEqualTo(PoolbenchCommand.EXIT_INVALID);
        assertThat(r.out()).contains("**invalid**: B: digest mismatch");
    }

    @Test
    void jmhResultFilesCompareToo(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, JmhResultSamplesTestData.json(1));
        Files.writeString(b, JmhResultSamplesTestData.json(1.5));
        Result r = run("compare", a.toString(), b.toString(), "--out", dir.resolve("cmp").toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(PoolbenchCommand.EXIT_REGRESSION);
        assertThat(r.out()).contains("RouteStageBenchmarks.parse{engine=executor,size=1000} avgt");
        assertThat(run("compare", a.toString(), a.toString(), "--out", dir.resolve("cmp2").toString()).exit()).isZero();
        Path folder = folder(dir.resolve("f"), 1, 1, true, "OneToManyWorkerPool");
        assertThat(run("compare", a.toString(), folder.toString()).err()).contains("like with like");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTinyAbRunForksBothSidesWritesBothFoldersAndIsInconclusiveWithTwoRounds(@TempDir Path dir) {
        Result r = run("compare", "--engines", "sequential", "--scenarios", "OneToManyWorkerPool", "--profiles", "tiny",
                "--duration", "100ms", "--iterations", "1", "--warmups", "0", "--rounds", "2",
                "--b-jvm-args", "-XX:TieredStopAtLevel=1", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("## poolbench compare: A/B, 2 rounds").contains("-XX:TieredStopAtLevel=1")
                .contains("inconclusive — fewer than 5 samples per side");
        assertThat(r.err()).contains("[4/4] round 2 A");
        assertThat(ResultsReader.samples(dir.resolve("a"))).extracting(l -> l.text("fork")).contains("0", "1");
        assertThat(ResultsReader.manifest(dir.resolve("b"))).containsEntry("jvm_flags",
                "-Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:TieredStopAtLevel=1");
        // the A/B output folders re-compare in baseline mode
        Result again = run("compare", dir.resolve("a").toString(), dir.resolve("b").toString(), "--out",
                dir.resolve("again").toString());
        assertThat(again.exit()).as(again.err()).isZero();
    }
}
