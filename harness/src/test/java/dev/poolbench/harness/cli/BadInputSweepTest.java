package dev.poolbench.harness.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input the CLI takes, verb by verb and option by option (every {@code @Option}
 * that takes a value, and the positional parameters): each must exit 2 with a one-line
 * {@code poolbench: } message naming the culprit, print no stack frame and no picocli warning,
 * and start no work (the result folder it was given is not created).
 */
@Timeout(120)
class BadInputSweepTest {

    @TempDir
    static Path tmp;

    /** A folder no case may create: every bad input is rejected before any row runs. */
    private static final String NEVER = "{tmp}/never";

    @BeforeAll
    static void fixtures() throws Exception {
        Files.writeString(tmp.resolve("plain.txt"), "not a jar, not a folder\n");
        Files.write(tmp.resolve("binary.csv"), new byte[]{'v', 'r', 'f', 0, 1, 2, '\n'});
        Files.createDirectories(tmp.resolve("empty"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(tmp.resolve("no-engines.jar")))) {
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write("a jar without META-INF/services/dev.poolbench.api.Engine".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One case's leftovers must not fail the next ones. */
    @AfterEach
    void removeLeftovers() throws IOException {
        for (Path p : List.of(tmp.resolve("never"), tmp.resolve("never.csv"))) {
            if (Files.exists(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    static Stream<Arguments> badInputs() {
        List<Arguments> cases = new ArrayList<>();
        // top level
        cases.add(bad("nosuchverb", "nosuchverb"));
        cases.add(bad("--bogus", "--bogus"));
        cases.add(bad("--bogus", "list", "--bogus"));
        cases.add(bad("nosuch", "help", "nosuch"));
        // run: selection
        cases.add(bad("nope", run("--engines", "nope")));
        cases.add(bad("NoSuchScenario", run("--scenarios", "NoSuchScenario")));
        cases.add(bad("warp", run("--profiles", "warp")));
        cases.add(bad("nosuch", run("--profiles", "cpu:nosuch=1")));
        cases.add(bad("delayMs", run("--profiles", "blocking:delayMs=-1")));
        cases.add(bad("extra", run("extra")));
        // run: numbers
        cases.add(bad("--parallelism", run("--parallelism", "0")));
        cases.add(bad("--parallelism", run("--parallelism", "abc")));
        cases.add(bad("--buffer", run("--buffer", "0")));
        cases.add(bad("--buffer", run("--buffer", "-5")));
        cases.add(bad("--load", run("--load", "-1")));
        cases.add(bad("--load", run("--load", "0")));
        cases.add(bad("--load", run("--load", "7")));
        cases.add(bad("--load", run("--load", "abc")));
        cases.add(bad("--arrival-rate", run("--arrival-rate", "0")));
        cases.add(bad("--arrival-rate", run("--arrival-rate", "-3")));
        cases.add(bad("--arrival-rate", run("--arrival-rate", "abc")));
        cases.add(bad("--rate-limit", run("--rate-limit", "0")));
        cases.add(bad("--rate-limit", run("--rate-limit", "abc")));
        cases.add(bad("--platform-cap", run("--platform-cap", "0")));
        cases.add(bad("--duration", run("--duration", "0s")));
        cases.add(bad("--duration", run("--duration", "abc")));
        cases.add(bad("--duration", run("--duration", "-1s")));
        cases.add(bad("--forks", run("--forks", "0")));
        cases.add(bad("--iterations", run("--iterations", "0")));
        cases.add(bad("--warmups", run("--warmups", "-1")));
        cases.add(bad("--seed", run("--seed", "abc")));
        // run: engine options and jars
        cases.add(bad("executor.queue", run("--engine-opt", "executor.queue=deque")));
        cases.add(bad("nosuch", run("--engine-opt", "nosuch.x=1")));
        cases.add(bad("executor.nosuch", run("--engine-opt", "executor.nosuch=1")));
        cases.add(bad("--engine-opt", run("--engine-opt", "K")));
        cases.add(bad("/no/such.jar", run("--engine-jar", "/no/such.jar")));
        cases.add(bad("plain.txt: not a jar", run("--engine-jar", "{tmp}/plain.txt")));
        cases.add(bad("no-engines.jar: declares no engine", run("--engine-jar", "{tmp}/no-engines.jar")));
        // run: files, folders, the fork JVM
        cases.add(bad("/no/such/file.csv", run("--routes", "/no/such/file.csv")));
        cases.add(bad("binary.csv", run("--routes", "{tmp}/binary.csv")));
        cases.add(bad("empty", run("--routes", "{tmp}/empty")));
        cases.add(bad("Unrecognized VM option 'NoSuchFlag'", run("--jvm-args", "-XX:+NoSuchFlag")));
        cases.add(bad("-Xmx1k", run("--jvm-args", "-Xmx1k")));
        cases.add(bad("--out {tmp}/plain.txt/sub", run("--out", "{tmp}/plain.txt/sub")));
        cases.add(bad("--out {tmp}/plain.txt", run("--out", "{tmp}/plain.txt")));
        if (Files.isDirectory(Path.of("/proc"))) {
            cases.add(bad("--out /proc/forbidden", run("--out", "/proc/forbidden")));
        }
        // routes
        cases.add(bad("FILE", "routes"));
        cases.add(bad("/no/such.csv", "routes", "/no/such.csv"));
        cases.add(bad("binary.csv", "routes", "{tmp}/binary.csv"));
        cases.add(bad("empty", "routes", "{tmp}/empty"));
        cases.add(bad("--out", "routes", "--generate", "10"));
        cases.add(bad("--generate", "routes", "--generate", "abc", "--out", "{tmp}/never.csv"));
        cases.add(bad("--generate", "routes", "--generate", "-1", "--out", "{tmp}/never.csv"));
        cases.add(bad("plain.txt/x.csv", "routes", "--generate", "10", "--out", "{tmp}/plain.txt/x.csv"));
        cases.add(bad("--vrfs", "routes", "--generate", "10", "--vrfs", "0", "--out", "{tmp}/never.csv"));
        cases.add(bad("--v6", "routes", "--generate", "10", "--v6", "2", "--out", "{tmp}/never.csv"));
        cases.add(bad("--churn", "routes", "--generate", "10", "--churn", "-1", "--out", "{tmp}/never.csv"));
        cases.add(bad("--zipf", "routes", "--generate", "10", "--zipf", "-1", "--out", "{tmp}/never.csv"));
        cases.add(bad("--bad-lines", "routes", "--generate", "10", "--bad-lines", "2", "--out", "{tmp}/never.csv"));
        cases.add(bad("--seed", "routes", "--generate", "10", "--seed", "abc", "--out", "{tmp}/never.csv"));
        // verify
        cases.add(bad("nosuch", verify("--engines", "nosuch")));
        cases.add(bad("warp", verify("--profiles", "warp")));
        cases.add(bad("/no/such.csv", verify("--routes", "/no/such.csv")));
        cases.add(bad("binary.csv", verify("--routes", "{tmp}/binary.csv")));
        cases.add(bad("--size", verify("--size", "0")));
        cases.add(bad("--size", verify("--size", "abc")));
        cases.add(bad("--parallelism", verify("--parallelism", "0")));
        cases.add(bad("--buffer", verify("--buffer", "0")));
        cases.add(bad("--bad-lines", verify("--bad-lines", "-0.5")));
        cases.add(bad("--throw-rate", verify("--throw-rate", "2")));
        cases.add(bad("--bad-lines", verify("--bad-lines", "2")));
        cases.add(bad("--throw-rate", verify("--throw-rate", "-1")));
        cases.add(bad("--timeout", verify("--timeout", "0")));
        cases.add(bad("--seed", verify("--seed", "abc")));
        // compare, baseline mode
        cases.add(bad("/no/a", "compare", "/no/a", "/no/b"));
        cases.add(bad("two inputs", "compare", "{tmp}/empty"));
        cases.add(bad("samples.csv", "compare", "{tmp}/empty", "{tmp}/empty"));
        cases.add(bad("got 3", "compare", "{tmp}/a", "{tmp}/b", "{tmp}/c"));
        cases.add(bad("--out {tmp}/plain.txt/sub", "compare", "{tmp}/empty", "{tmp}/empty", "--out",
                "{tmp}/plain.txt/sub"));
        cases.add(bad("--engines", "compare", "{tmp}/empty", "{tmp}/empty", "--engines", "executor"));
        cases.add(bad("--threshold-throughput", "compare", "{tmp}/empty", "{tmp}/empty", "--threshold-throughput", "-1"));
        cases.add(bad("--threshold-p99", "compare", "{tmp}/empty", "{tmp}/empty", "--threshold-p99", "2"));
        cases.add(bad("--threshold-cpu", "compare", "{tmp}/empty", "{tmp}/empty", "--threshold-cpu", "0"));
        cases.add(bad("--threshold-tail", "compare", "{tmp}/empty", "{tmp}/empty", "--threshold-tail", "abc"));
        cases.add(bad("--alpha", "compare", "{tmp}/empty", "{tmp}/empty", "--alpha", "2"));
        // compare, A/B mode
        cases.add(bad("--rounds", ab("--rounds", "0")));
        cases.add(bad("--rounds", ab("--rounds", "abc")));
        cases.add(bad("--forks", ab("--forks", "2")));
        cases.add(bad("--aa", ab("--aa", "--b-jvm-args=-Xint")));
        cases.add(bad("--a-jar /no/such.jar", ab("--a-jar", "/no/such.jar")));
        cases.add(bad("--b-jar /no/such.jar", ab("--b-jar", "/no/such.jar")));
        cases.add(bad("--a-java /no/jdk", ab("--a-java", "/no/jdk")));
        cases.add(bad("--b-java {tmp}/empty", ab("--b-java", "{tmp}/empty")));
        cases.add(bad("--a-jvm-args \"-XX:+NoSuchFlag\"", ab("--a-jvm-args", "-XX:+NoSuchFlag")));
        cases.add(bad("--b-jvm-args \"-XX:+NoSuchFlag\"", ab("--b-jvm-args", "-XX:+NoSuchFlag")));
        cases.add(bad("--jvm-args \"-XX:+NoSuchFlag\"", ab("--jvm-args", "-XX:+NoSuchFlag")));
        cases.add(bad("nope", ab("--engines", "nope")));
        cases.add(bad("--out {tmp}/plain.txt/sub", ab("--out", "{tmp}/plain.txt/sub")));
        // jmh
        cases.add(bad("NoSuchBenchmark", "jmh", "NoSuchBenchmark"));
        cases.add(bad("excluded", "jmh", "-e", ".*"));
        cases.add(bad("engine=nosuch", "jmh", "-p", "engine=nosuch", "EngineHandoffBenchmark"));
        cases.add(bad("pattern=nosuch", "jmh", "-p", "pattern=nosuch", "RawHandoffBenchmark"));
        cases.add(bad("engines", "jmh", "-p", "engines=virtual", "EngineHandoffBenchmark"));
        cases.add(bad("tablePrefixes=abc", "jmh", "-p", "tablePrefixes=abc", "RouteStageBenchmarks"));
        cases.add(bad("engine", "jmh", "-p", "engine", "EngineHandoffBenchmark"));
        cases.add(bad("many", "jmh", "-f", "many"));
        cases.add(bad("--out {tmp}/plain.txt/sub", "jmh", "--out", "{tmp}/plain.txt/sub", "-p", "engine=sequential",
                "-p", "pattern=pool", "EngineHandoffBenchmark"));
        cases.add(bad("-o {tmp}/plain.txt/x.txt: its folder", "jmh", "-o", "{tmp}/plain.txt/x.txt", "EngineHandoff"));
        cases.add(bad("-rff {tmp}/plain.txt/x.json: its folder", "jmh", "-rff", "{tmp}/plain.txt/x.json",
                "EngineHandoff"));
        cases.add(bad("-rff {tmp}/empty: is a folder", "jmh", "-rff", "{tmp}/empty", "EngineHandoff"));
        // report
        cases.add(bad("DIR", "report"));
        cases.add(bad("/no/such/dir", "report", "/no/such/dir"));
        cases.add(bad("empty", "report", "{tmp}/empty"));
        cases.add(bad("--out {tmp}/plain.txt/sub", "report", "{tmp}/empty", "--out", "{tmp}/plain.txt/sub"));
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("badInputs")
    void exits2WithAMessageNamingTheCulpritAndNoStackTrace(String culprit, List<String> commandLine) {
        String[] args = commandLine.stream().map(BadInputSweepTest::resolve).toArray(String[]::new);
        CliRun.Result r = CliRun.run(args);
        assertThat(r.hasStackTrace()).as("a stack frame in\n%s", r.all()).isFalse();
        assertThat(r.exit()).as(r.all()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).as(r.all()).startsWith("poolbench: ").contains(resolve(culprit))
                .doesNotContain("internal error").doesNotContain("[picocli WARN]");
        assertThat(r.out()).as(r.all()).doesNotContain("[picocli WARN]");
        assertThat(tmp.resolve("never")).as("no work started").doesNotExist();
        assertThat(tmp.resolve("never.csv")).as("no file written").doesNotExist();
    }

    /** One case: the text the message must contain, and the command line. */
    private static Arguments bad(String culprit, String... args) {
        return Arguments.of(culprit, Named.of(String.join(" ", args), List.of(args)));
    }

    /** {@code run ARGS}, narrowed to one tiny row so that an input wrongly accepted fails fast instead of running for minutes. */
    private static String[] run(String... args) {
        return narrowed("run", args, "--engines", "sequential", "--scenarios", "OneToManyWorkerPool", "--profiles", "tiny",
                "--duration", "20ms", "--iterations", "1", "--warmups", "0", "--out", NEVER);
    }

    private static String[] verify(String... args) {
        return narrowed("verify", args, "--engines", "sequential", "--profiles", "tiny", "--size", "10");
    }

    /** {@code compare} in A/B mode, narrowed the same way. */
    private static String[] ab(String... args) {
        return narrowed("compare", args, "--engines", "sequential", "--scenarios", "OneToManyWorkerPool", "--profiles",
                "tiny", "--duration", "20ms", "--iterations", "1", "--warmups", "0", "--rounds", "1", "--out", NEVER);
    }

    /** The verb, the case's arguments, then each narrowing option the case does not give itself. */
    private static String[] narrowed(String verb, String[] args, String... narrowing) {
        List<String> all = new ArrayList<>(List.of(verb));
        all.addAll(List.of(args));
        for (int i = 0; i < narrowing.length; i += 2) {
            String option = narrowing[i];
            if (Arrays.stream(args).noneMatch(a -> a.equals(option) || a.startsWith(option + "="))) {
                all.add(option);
                all.add(narrowing[i + 1]);
            }
        }
        return all.toArray(String[]::new);
    }

    private static String resolve(String s) {
        return s.replace("{tmp}", tmp.toString());
    }

    /** Every verb's help, both ways it is asked for; the verbs come from the command model, so a new one is included. */
    static Stream<String> helpRequests() {
        Stream<String> top = Stream.of("--help", "help");
        Stream<String> perVerb = new CommandLine(new PoolbenchCommand()).getSubcommands().entrySet().stream()
                .flatMap(v -> v.getValue().getCommandSpec().optionsMap().containsKey("--help")
                        ? Stream.of("help " + v.getKey(), v.getKey() + " --help") : Stream.of("help " + v.getKey()));
        return Stream.concat(top, perVerb);
    }

    @ParameterizedTest
    @MethodSource("helpRequests")
    void everyHelpPrintsUsageWithoutAPicocliWarning(String request) {
        CliRun.Result r = CliRun.run(request.split(" "));
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.all()).contains("Usage: poolbench").doesNotContain("[picocli WARN]");
    }
}
