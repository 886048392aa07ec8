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
    void aQuickRunWritesEveryFileAndRanksTheEngines(@TempDir Path dir) {
        Result r = run("run", "--quick", "--engines", "sequential,executor", "--scenarios", "OneToManyWorkerPool",
                "--duration", "50ms", "--out", dir.toString());
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
        assertThat(ResultsReader.samples(dir)).hasSize(2 * 2 * 2); // engines x phases x iterations
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
            r = run("--quick", "--engines", "sequential,drops-one", "--scenarios", "OneToManyWorkerPool",
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
