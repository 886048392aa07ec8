package dev.poolbench.harness.cli;

import dev.poolbench.harness.measure.ResultsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code poolbench run} end to end, in this JVM (--quick): exit codes, files, the oracle's verdict. */
class RunCommandTest {

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PoolbenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aQuickRunWritesEveryFileAndRanksTheEngines(@TempDir Path dir) throws Exception {
        Result r = run("run", "--quick", "--engines", "sequential,executor", "--scenarios", "OneToManyWorkerPool",
                "--duration", "50ms", "--jvm-args", "-Xms64m -Xmx256m", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("== OneToManyWorkerPool / cpu").contains("executor").contains("results: ");
        assertThat(r.out()).contains("report: " + dir.resolve("report.html").toAbsolutePath());
        assertThat(dir.resolve("report.md")).exists();
        assertThat(dir.resolve("manifest.csv")).exists();
        assertThat(dir.resolve("bigger-is-better.json")).exists();
        assertThat(dir.resolve("smaller-is-better.json")).exists();
        List<ResultsReader.Line> summary = ResultsReader.summary(dir);
        assertThat(summary).extracting(l -> l.text("mode")).contains("throughput", "latency");
        assertThat(summary).allMatch(l -> l.bool("valid"));
        assertThat(summary).allMatch(l -> l.number("throughput_ops_s") > 0);
        // per engine: a throughput-only pilot fork and one full fork, 2 passes per phase each
        assertThat(ResultsReader.samples(dir)).hasSize(2 * (2 + 2 + 2));
        // every engine is offered the same absolute rate: 50 % of the slower engine's saturation
        List<Double> offered = summary.stream().filter(l -> l.text("mode").equals("latency"))
                .map(l -> l.number("arrival_rate_ops_s")).toList();
        assertThat(offered).hasSize(2).allMatch(v -> v > 0);
        assertThat(offered.get(1)).as("same offered rate for every engine").isEqualTo(offered.get(0));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".gc.log")).toList())
                    .as("one -Xlog:gc,safepoint file per fork").hasSize(4);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aPlantedOracleFailureMarksTheRowInvalidAndExits4(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("engines/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.poolbench.api.Engine"), DropsOneOutputEngine.class.getName() + "\n");
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader(
                new URL[]{dir.resolve("engines").toUri().toURL()}, RunCommandTest.class.getClassLoader()));
        Result r;
        try {
            r = run("--quick", "--in-process", "--engines", "sequential,drops-one", "--scenarios", "OneToManyWorkerPool",
                    "--duration", "50ms", "--out", dir.resolve("out").toString());
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
        assertThat(r.exit()).as(r.err()).isEqualTo(PoolbenchCommand.EXIT_INVALID);
        assertThat(r.out()).contains("INVALID");
        assertThat(Files.readString(dir.resolve("out/report.html"))).contains("Invalid rows").contains("drops-one");
        List<ResultsReader.Line> summary = ResultsReader.summary(dir.resolve("out"));
        assertThat(summary).filteredOn(l -> l.text("engine").equals("drops-one"))
                .isNotEmpty().allMatch(l -> !l.bool("valid") && !l.text("invalid_reason").isEmpty());
        assertThat(summary).filteredOn(l -> l.text("engine").equals("sequential")).allMatch(l -> l.bool("valid"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anEngineSlowerThanTheOfferedRateIsSaturatedStaysValidAndIsNotRanked(@TempDir Path dir) throws Exception {
        // 5 ms per item: sequential manages 200/s, executor with 4 workers 800/s; both are offered 400/s
        Result r = run("run", "--in-process", "--engines", "sequential,executor", "--scenarios",
                "OneToManyWorkerPool", "--profiles", "blocking:delayMs=5", "--parallelism", "4",
                "--arrival-rate", "400", "--duration", "200ms", "--iterations", "2", "--warmups", "1",
                "--forks", "1", "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<ResultsReader.Line> latency = ResultsReader.summary(dir).stream()
                .filter(l -> l.text("mode").equals("latency")).toList();
        assertThat(latency).hasSize(2).allMatch(l -> l.bool("valid"))
                .allMatch(l -> l.number("arrival_rate_ops_s") == 400);
        ResultsReader.Line seq = latency.stream().filter(l -> l.text("engine").equals("sequential")).findFirst()
                .orElseThrow();
        ResultsReader.Line exec = latency.stream().filter(l -> l.text("engine").equals("executor")).findFirst()
                .orElseThrow();
        assertThat(seq.bool("saturated")).as("sequential at twice its capacity").isTrue();
        assertThat(seq.number("achieved_rate_ops_s")).isLessThan(0.98 * 400);
        assertThat(exec.bool("saturated")).as("executor at half its capacity").isFalse();
        assertThat(r.out()).containsPattern("--\\s+sequential .*SATURATED \\(not ranked\\)");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("1 configuration(s) saturated").contains("executor p=4 b=1,024 wins p99");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--engines=nope", "--scenarios=NoSuchScenario", "--profiles=warp", "--parallelism=0",
            "--duration=soon", "--load=7", "--forks=0", "--engine-opt=executor.queue=deque",
            "--engine-opt=nosuch.x=1", "--bogus", "--routes=/no/such/file.csv"})
    void badArgumentsExit2WithAMessage(String arg) {
        Result r = run("run", arg);
        assertThat(r.exit()).as(r.err()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).startsWith("poolbench: ");
    }
}
