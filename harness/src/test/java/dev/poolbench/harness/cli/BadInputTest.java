package dev.poolbench.harness.cli;

import dev.poolbench.harness.jmh.BlockingHandoffBenchmark;
import dev.poolbench.harness.jmh.EngineHandoffBenchmark;
import dev.poolbench.harness.jmh.RawHandoffBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Param;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The four bad inputs of issue 18 that used to end in a stack trace or in invalid rows, at the
 * command line: each exits 2 before any work with one {@code poolbench: } line naming the culprit.
 */
@Timeout(120)
class BadInputTest {

    @TempDir
    Path dir;

    /** Exit 2, the message first on stderr, no stack frame anywhere, no row started. */
    private static CliRun.Result rejected(String... args) {
        CliRun.Result r = CliRun.run(args);
        assertThat(r.exit()).as(r.all()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).as(r.all()).startsWith("poolbench: ").doesNotContain("internal error");
        assertThat(r.hasStackTrace()).as(r.all()).isFalse();
        assertThat(r.err()).as("no row started").doesNotContain(" rows (").doesNotContain("[1/");
        return r;
    }

    static Stream<Arguments> unusableOutFolders() {
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("under a regular file", "plain.txt/sub", "cannot create", "Not a directory"));
        cases.add(Arguments.of("a regular file", "plain.txt", "cannot create", "a file of that name exists"));
        if (Files.isDirectory(Path.of("/proc"))) { // Linux: a folder nobody, not even root, can create or write in
            cases.add(Arguments.of("in /proc", "/proc/forbidden", "cannot create", ""));
            cases.add(Arguments.of("/proc itself", "/proc", "cannot write", ""));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "run --out {0}")
    @MethodSource("unusableOutFolders")
    void runOutThatCannotBeCreatedOrWrittenExits2NamingTheFolderAndTheReason(String what, String out, String cannot,
                                                                             String reason) throws Exception {
        Files.writeString(dir.resolve("plain.txt"), "x");
        Path folder = dir.resolve(out); // absolute outs stay as they are
        CliRun.Result r = rejected("run", "--engines", "sequential", "--scenarios", "OneToManyWorkerPool", "--out",
                folder.toString());
        String first = r.err().lines().findFirst().orElseThrow();
        assertThat(first).startsWith("poolbench: --out " + folder + ": " + cannot + " (").endsWith(")")
                .contains(reason);
    }

    @Test
    void jmhWithARegexpThatSelectsNothingNamesItAndPointsAtTheList() {
        Path out = dir.resolve("jmh");
        CliRun.Result r = rejected("jmh", "--out", out.toString(), "NoSuchBenchmark");
        assertThat(r.err()).contains("NoSuchBenchmark").contains("'poolbench jmh -l' lists the benchmarks");
        assertThat(r.out()).doesNotContain("poolbench jmh: "); // JMH never started
        assertThat(out).doesNotExist();
    }

    static Stream<Arguments> badJmhParameterValues() {
        return Stream.of(Arguments.of(EngineHandoffBenchmark.class, "engine", "EngineHandoffBenchmark"),
                Arguments.of(EngineHandoffBenchmark.class, "pattern", "EngineHandoffBenchmark"),
                Arguments.of(RawHandoffBenchmark.class, "primitive", "RawHandoffBenchmark"),
                // "Handoff" selects EngineHandoffBenchmark too, where sequential is fine: each benchmark is checked
                Arguments.of(BlockingHandoffBenchmark.class, "engine", "Handoff"));
    }

    @ParameterizedTest(name = "jmh -p {1}=nosuch {2}")
    @MethodSource("badJmhParameterValues")
    void jmhWithAnUnknownParameterValueNamesTheParameterAndItsValidValues(Class<?> benchmark, String param,
                                                                          String regexp) throws Exception {
        String[] valid = benchmark.getField(param).getAnnotation(Param.class).value();
        String value = param.equals("engine") && benchmark == BlockingHandoffBenchmark.class ? "sequential" : "nosuch";
        CliRun.Result r = rejected("jmh", "--out", dir.resolve("jmh").toString(), "-p", param + "=" + value, regexp);
        assertThat(r.err().strip()).isEqualTo("poolbench: jmh -p " + param + "=" + value + ": "
                + benchmark.getSimpleName() + "'s parameter " + param + " takes " + String.join(", ", valid));
        assertThat(dir.resolve("jmh")).doesNotExist();
    }

    @Test
    void jmhWithAParameterNoSelectedBenchmarkHasNamesTheirParameters() {
        CliRun.Result r = rejected("jmh", "-p", "engines=virtual", "EngineHandoffBenchmark");
        assertThat(r.err()).contains("-p engines").contains("no selected benchmark has a parameter 'engines'")
                .contains("engine, pattern");
    }

    @Test
    void jmhWithANonNumberForANumericParameterSaysSo() {
        CliRun.Result r = rejected("jmh", "-p", "tablePrefixes=many", "RouteStageBenchmarks");
        assertThat(r.err()).contains("-p tablePrefixes=many").contains("takes a number of type int");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+NoSuchFlag", "-XX:+UseG1GC -XX:+NoSuchFlag"})
    void runWithJvmArgsTheForkJvmRefusesExits2WithTheJvmsOwnMessage(String jvmArgs) {
        Path out = dir.resolve("run");
        CliRun.Result r = rejected("run", "--engines", "sequential", "--scenarios", "OneToManyWorkerPool",
                "--jvm-args", jvmArgs, "--out", out.toString());
        assertThat(r.err()).startsWith("poolbench: --jvm-args \"" + jvmArgs + "\": the fork JVM ")
                .contains("refused its arguments \"" + jvmArgs + "\"").contains("Unrecognized VM option 'NoSuchFlag'")
                .doesNotContain("Could not create the Java Virtual Machine");
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "b"})
    void compareWithASideJvmArgTheForkJvmRefusesExits2NamingTheSide(String side) {
        Path out = dir.resolve("cmp");
        CliRun.Result r = rejected("compare", "--engines", "sequential", "--scenarios", "OneToManyWorkerPool",
                "--" + side + "-jvm-args", "-XX:+NoSuchFlag", "--rounds", "1", "--out", out.toString());
        assertThat(r.err()).startsWith("poolbench: --" + side + "-jvm-args \"-XX:+NoSuchFlag\" (side "
                + side.toUpperCase(java.util.Locale.ROOT) + "): the fork JVM ")
                .contains("Unrecognized VM option 'NoSuchFlag'");
        assertThat(out).doesNotExist();
    }
}
