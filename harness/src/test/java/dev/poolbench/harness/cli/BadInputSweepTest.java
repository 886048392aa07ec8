package dev.poolbench.harness.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
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

    /**
     * One bad input: the text its message must contain, the command line as a user types it, and
     * options added unless typed (they keep an input wrongly accepted to one tiny row, so it fails
     * fast instead of running for minutes).
     */
    record Case(String culprit, List<String> typed, List<String> narrowing) {

        List<String> commandLine() {
            List<String> all = new ArrayList<>(typed);
            for (int i = 0; i < narrowing.size(); i += 2) {
                if (!options().contains(narrowing.get(i))) {
                    all.addAll(narrowing.subList(i, i + 2));
                }
            }
            return all;
        }

        /** The options typed, without their values ({@code --b-jvm-args=-Xint} gives {@code --b-jvm-args}). */
        Set<String> options() {
            return typed.stream().filter(a -> a.matches("--?[A-Za-z].*")).map(a -> a.split("=", 2)[0])
                    .collect(Collectors.toSet());
        }

        String verb() {
            return typed.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", typed);
        }
    }

    private static final List<String> RUN_NARROWING = List.of("--engines", "sequential", "--scenarios",
            "OneToManyWorkerPool", "--profiles", "tiny", "--duration", "20ms", "--iterations", "1", "--warmups", "0",
            "--out", NEVER);
    private static final List<String> AB_NARROWING = Stream.concat(RUN_NARROWING.stream(), Stream.of("--rounds", "1"))
            .toList();
    private static final List<String> VERIFY_NARROWING = List.of("--engines", "sequential", "--profiles", "tiny",
            "--size", "10");

    /** The run-selection options' bad values, for {@code run} and for {@code compare} (A/B mode), which share them. */
    private static List<Case> selection(String verb, List<String> narrowing) {
        List<Case> cases = new ArrayList<>();
        java.util.function.BiConsumer<String, String[]> add = (culprit, args) -> cases.add(new Case(culprit,
                Stream.concat(Stream.of(verb), Stream.of(args)).toList(), narrowing));
        add.accept("nope", new String[]{"--engines", "nope"});
        add.accept("NoSuchScenario", new String[]{"--scenarios", "NoSuchScenario"});
        add.accept("warp", new String[]{"--profiles", "warp"});
        add.accept("nosuch", new String[]{"--profiles", "cpu:nosuch=1"});
        add.accept("delayMs", new String[]{"--profiles", "blocking:delayMs=-1"});
        add.accept("--parallelism", new String[]{"--parallelism", "0"});
        add.accept("--parallelism", new String[]{"--parallelism", "abc"});
        add.accept("--buffer", new String[]{"--buffer", "0"});
        add.accept("--buffer", new String[]{"--buffer", "-5"});
        add.accept("--load", new String[]{"--load", "-1"});
        add.accept("--load", new String[]{"--load", "0"});
        add.accept("--load", new String[]{"--load", "7"});
        add.accept("--load", new String[]{"--load", "abc"});
        add.accept("--arrival-rate", new String[]{"--arrival-rate", "0"});
        add.accept("--arrival-rate", new String[]{"--arrival-rate", "-3"});
        add.accept("--arrival-rate", new String[]{"--arrival-rate", "abc"});
        add.accept("--rate-limit", new String[]{"--rate-limit", "0"});
        add.accept("--rate-limit", new String[]{"--rate-limit", "abc"});
        add.accept("--platform-cap", new String[]{"--platform-cap", "0"});
        add.accept("--duration", new String[]{"--duration", "0s"});
        add.accept("--duration", new String[]{"--duration", "abc"});
        add.accept("--duration", new String[]{"--duration", "-1s"});
        add.accept("--forks", new String[]{"--forks", "0"});
        add.accept("--iterations", new String[]{"--iterations", "0"});
        add.accept("--warmups", new String[]{"--warmups", "-1"});
        add.accept("--seed", new String[]{"--seed", "abc"});
        add.accept("executor.queue", new String[]{"--engine-opt", "executor.queue=deque"});
        add.accept("nosuch", new String[]{"--engine-opt", "nosuch.x=1"});
        add.accept("executor.nosuch", new String[]{"--engine-opt", "executor.nosuch=1"});
        add.accept("--engine-opt", new String[]{"--engine-opt", "K"});
        add.accept("/no/such.jar", new String[]{"--engine-jar", "/no/such.jar"});
        add.accept("plain.txt: not a jar", new String[]{"--engine-jar", "{tmp}/plain.txt"});
        add.accept("no-engines.jar: declares no engine", new String[]{"--engine-jar", "{tmp}/no-engines.jar"});
        add.accept("/no/such/file.csv", new String[]{"--routes", "/no/such/file.csv"});
        add.accept("binary.csv", new String[]{"--routes", "{tmp}/binary.csv"});
        add.accept("empty", new String[]{"--routes", "{tmp}/empty"});
        add.accept("Unrecognized VM option 'NoSuchFlag'", new String[]{"--jvm-args", "-XX:+NoSuchFlag"});
        add.accept("-Xmx1k", new String[]{"--jvm-args", "-Xmx1k"});
        add.accept("--out {tmp}/plain.txt/sub: cannot create", new String[]{"--out", "{tmp}/plain.txt/sub"});
        add.accept("--out {tmp}/plain.txt: cannot create", new String[]{"--out", "{tmp}/plain.txt"});
        if (Files.isDirectory(Path.of("/proc"))) {
            add.accept("--out /proc/forbidden: cannot create", new String[]{"--out", "/proc/forbidden"});
        }
        return cases;
    }

    static Stream<Case> badInputs() {
        List<Case> cases = new ArrayList<>();
        java.util.function.BiConsumer<String, String[]> plain = (culprit, args) -> cases.add(new Case(culprit,
                List.of(args), List.of()));
        java.util.function.BiConsumer<String, String[]> verify = (culprit, args) -> cases.add(new Case(culprit,
                Stream.concat(Stream.of("verify"), Stream.of(args)).toList(), VERIFY_NARROWING));
        java.util.function.BiConsumer<String, String[]> ab = (culprit, args) -> cases.add(new Case(culprit,
                Stream.concat(Stream.of("compare"), Stream.of(args)).toList(), AB_NARROWING));
        // top level
        plain.accept("nosuchverb", new String[]{"nosuchverb"});
        plain.accept("--bogus", new String[]{"--bogus"});
        plain.accept("--bogus", new String[]{"list", "--bogus"});
        plain.accept("nosuch", new String[]{"help", "nosuch"});
        // run
        cases.addAll(selection("run", RUN_NARROWING));
        cases.add(new Case("extra", List.of("run", "extra"), RUN_NARROWING));
        // routes
        plain.accept("FILE", new String[]{"routes"});
        plain.accept("/no/such.csv", new String[]{"routes", "/no/such.csv"});
        plain.accept("binary.csv", new String[]{"routes", "{tmp}/binary.csv"});
        plain.accept("empty", new String[]{"routes", "{tmp}/empty"});
        plain.accept("--out", new String[]{"routes", "--generate", "10"});
        plain.accept("--generate", new String[]{"routes", "--generate", "abc", "--out", "{tmp}/never.csv"});
        plain.accept("--generate", new String[]{"routes", "--generate", "-1", "--out", "{tmp}/never.csv"});
        plain.accept("plain.txt/x.csv", new String[]{"routes", "--generate", "10", "--out", "{tmp}/plain.txt/x.csv"});
        plain.accept("--vrfs", new String[]{"routes", "--generate", "10", "--vrfs", "0", "--out", "{tmp}/never.csv"});
        plain.accept("--v6", new String[]{"routes", "--generate", "10", "--v6", "2", "--out", "{tmp}/never.csv"});
        plain.accept("--churn", new String[]{"routes", "--generate", "10", "--churn", "-1", "--out", "{tmp}/never.csv"});
        plain.accept("--zipf", new String[]{"routes", "--generate", "10", "--zipf", "-1", "--out", "{tmp}/never.csv"});
        plain.accept("--bad-lines", new String[]{"routes", "--generate", "10", "--bad-lines", "2", "--out",
                "{tmp}/never.csv"});
        plain.accept("--seed", new String[]{"routes", "--generate", "10", "--seed", "abc", "--out", "{tmp}/never.csv"});
        // verify
        verify.accept("nosuch", new String[]{"--engines", "nosuch"});
        verify.accept("warp", new String[]{"--profiles", "warp"});
        verify.accept("/no/such.csv", new String[]{"--routes", "/no/such.csv"});
        verify.accept("binary.csv", new String[]{"--routes", "{tmp}/binary.csv"});
        verify.accept("--size", new String[]{"--size", "0"});
        verify.accept("--size", new String[]{"--size", "abc"});
        verify.accept("--parallelism", new String[]{"--parallelism", "0"});
        verify.accept("--buffer", new String[]{"--buffer", "0"});
        verify.accept("--bad-lines", new String[]{"--bad-lines", "2"});
        verify.accept("--bad-lines", new String[]{"--bad-lines", "-0.5"});
        verify.accept("--throw-rate", new String[]{"--throw-rate", "-1"});
        verify.accept("--throw-rate", new String[]{"--throw-rate", "2"});
        verify.accept("--timeout", new String[]{"--timeout", "0"});
        verify.accept("--seed", new String[]{"--seed", "abc"});
        // compare, baseline mode
        plain.accept("/no/a", new String[]{"compare", "/no/a", "/no/b"});
        plain.accept("two inputs", new String[]{"compare", "{tmp}/empty"});
        plain.accept("samples.csv", new String[]{"compare", "{tmp}/empty", "{tmp}/empty"});
        plain.accept("got 3", new String[]{"compare", "{tmp}/a", "{tmp}/b", "{tmp}/c"});
        plain.accept("--out {tmp}/plain.txt/sub", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--out",
                "{tmp}/plain.txt/sub"});
        plain.accept("--engines", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--engines", "executor"});
        plain.accept("--threshold-throughput", new String[]{"compare", "{tmp}/empty", "{tmp}/empty",
                "--threshold-throughput", "-1"});
        plain.accept("--threshold-p99", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--threshold-p99", "2"});
        plain.accept("--threshold-cpu", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--threshold-cpu", "0"});
        plain.accept("--threshold-tail", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--threshold-tail",
                "abc"});
        plain.accept("--alpha", new String[]{"compare", "{tmp}/empty", "{tmp}/empty", "--alpha", "2"});
        // compare, A/B mode: its own options, then the run selection it shares with run
        ab.accept("--rounds", new String[]{"--rounds", "0"});
        ab.accept("--rounds", new String[]{"--rounds", "abc"});
        ab.accept("--aa", new String[]{"--aa", "--b-jvm-args=-Xint"});
        ab.accept("--a-jar /no/such.jar", new String[]{"--a-jar", "/no/such.jar"});
        ab.accept("--b-jar /no/such.jar", new String[]{"--b-jar", "/no/such.jar"});
        ab.accept("--a-java /no/jdk", new String[]{"--a-java", "/no/jdk"});
        ab.accept("--b-java {tmp}/empty", new String[]{"--b-java", "{tmp}/empty"});
        ab.accept("--a-jvm-args \"-XX:+NoSuchFlag\"", new String[]{"--a-jvm-args", "-XX:+NoSuchFlag"});
        ab.accept("--b-jvm-args \"-XX:+NoSuchFlag\"", new String[]{"--b-jvm-args", "-XX:+NoSuchFlag"});
        cases.addAll(selection("compare", AB_NARROWING));
        // jmh
        plain.accept("NoSuchBenchmark", new String[]{"jmh", "NoSuchBenchmark"});
        plain.accept("excluded", new String[]{"jmh", "-e", ".*"});
        plain.accept("engine=nosuch", new String[]{"jmh", "-p", "engine=nosuch", "EngineHandoffBenchmark"});
        plain.accept("pattern=nosuch", new String[]{"jmh", "-p", "pattern=nosuch", "RawHandoffBenchmark"});
        plain.accept("engines", new String[]{"jmh", "-p", "engines=virtual", "EngineHandoffBenchmark"});
        plain.accept("tablePrefixes=abc", new String[]{"jmh", "-p", "tablePrefixes=abc", "RouteStageBenchmarks"});
        plain.accept("engine", new String[]{"jmh", "-p", "engine", "EngineHandoffBenchmark"});
        plain.accept("many", new String[]{"jmh", "-f", "many"});
        plain.accept("--rounds", new String[]{"jmh", "--rounds", "0", "EngineHandoffBenchmark"});
        plain.accept("--rounds", new String[]{"jmh", "--rounds", "abc", "EngineHandoffBenchmark"});
        plain.accept("--rounds", new String[]{"jmh", "--rounds", "2", "-rff", "{tmp}/r.json", "EngineHandoffBenchmark"});
        plain.accept("--out {tmp}/plain.txt/sub", new String[]{"jmh", "--out", "{tmp}/plain.txt/sub", "-p",
                "engine=sequential", "-p", "pattern=pool", "EngineHandoffBenchmark"});
        plain.accept("-o {tmp}/plain.txt/x.txt: its folder", new String[]{"jmh", "-o", "{tmp}/plain.txt/x.txt",
                "EngineHandoff"});
        plain.accept("-rff {tmp}/plain.txt/x.json: its folder", new String[]{"jmh", "-rff", "{tmp}/plain.txt/x.json",
                "EngineHandoff"});
        plain.accept("-rff {tmp}/empty: is a folder", new String[]{"jmh", "-rff", "{tmp}/empty", "EngineHandoff"});
        // report
        plain.accept("DIR", new String[]{"report"});
        plain.accept("/no/such/dir", new String[]{"report", "/no/such/dir"});
        plain.accept("empty", new String[]{"report", "{tmp}/empty"});
        plain.accept("--out {tmp}/plain.txt/sub", new String[]{"report", "{tmp}/empty", "--out", "{tmp}/plain.txt/sub"});
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badInputs")
    void exits2WithAMessageNamingTheCulpritAndNoStackTrace(Case c) {
        CliRun.Result r = CliRun.run(c.commandLine().stream().map(BadInputSweepTest::resolve).toArray(String[]::new));
        assertThat(r.hasStackTrace()).as("a stack frame in\n%s", r.all()).isFalse();
        assertThat(r.exit()).as(r.all()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(r.err()).as(r.all()).startsWith("poolbench: ").contains(resolve(c.culprit()))
                .doesNotContain("internal error").doesNotContain("[picocli WARN]");
        assertThat(r.out()).as(r.all()).doesNotContain("[picocli WARN]");
        assertThat(tmp.resolve("never")).as("no work started").doesNotExist();
        assertThat(tmp.resolve("never.csv")).as("no file written").doesNotExist();
    }

    /** New options and verbs join the sweep: each option that takes a value, and each positional parameter, has a case. */
    @Test
    void everyOptionThatTakesAValueAndEveryPositionalParameterHasACase() {
        List<Case> cases = badInputs().toList();
        List<String> missing = new ArrayList<>();
        new CommandLine(new PoolbenchCommand()).getSubcommands().forEach((verb, sub) -> {
            List<Case> ofVerb = cases.stream().filter(c -> c.verb().equals(verb)).toList();
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (o.arity().max() > 0 && ofVerb.stream().noneMatch(c -> c.options().contains(o.longestName()))) {
                    missing.add(verb + " " + o.longestName());
                }
            }
            boolean positionalCase = ofVerb.stream().anyMatch(c -> c.typed().size() == 1
                    || !c.typed().get(1).startsWith("-"));
            if (!sub.getCommandSpec().positionalParameters().isEmpty() && !positionalCase) {
                missing.add(verb + " " + sub.getCommandSpec().positionalParameters().get(0).paramLabel());
            }
        });
        assertThat(missing).as("options without a bad-input case").isEmpty();
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
