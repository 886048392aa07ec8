package dev.poolbench.harness.cli;

import dev.poolbench.harness.jmh.JmhSummary;
import dev.poolbench.harness.jmh.LatencyProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code poolbench jmh [--quick] [--rounds N] [--out DIR] [JMH args…]}: runs the JMH benchmarks in this jar
 * with JMH's own command line ({@code -l}, {@code -f}, {@code -wi}, {@code -i}, {@code -p engine=…},
 * {@code -prof gc}, a benchmark regexp…), adding what the user did not give: JSON results into
 * {@code results/<run-id>/jmh-result.json}, the {@link LatencyProfiler} ({@code lat.*} secondary
 * results), and fail-on-error, so a benchmark that loses items fails the command. Then prints
 * (and writes as {@code jmh-summary.md}) the overhead and Little's-law tables. With
 * {@code --rounds N} the selection runs N times, one fork each (unless {@code -f} says otherwise),
 * each round's results in {@code round-<k>/}, and the pooled forks make the tables and the
 * result file ({@link JmhRounds}).
 * The locale is forced to {@link Locale#ROOT} so numbers use a decimal point.
 */
@Command(name = "jmh",
        description = {"Run the JMH microbenchmarks (hand-off per engine and raw primitive, blocking hand-off, "
                + "route stages); every other argument goes to JMH (-h shows JMH's options, -l lists the benchmarks).",
                "Adds unless given: -rf json -rff <out>/jmh-result.json, -prof " + "dev.poolbench.harness.jmh.LatencyProfiler, -foe true."})
final class JmhCommand implements Callable<Integer> {

    /** {@code --quick}: every benchmark once, briefly (explicit arguments win). */
    static final List<List<String>> QUICK = List.of(
            List.of("-f", "1"), List.of("-wi", "1"), List.of("-i", "1"), List.of("-w", "200ms"), List.of("-r", "300ms"));
    /** {@code --quick}: a small route table, so the route stage benchmarks set up in seconds. */
    static final String QUICK_TABLE = "tablePrefixes=20000";

    @Option(names = "--quick", description = "Every benchmark once, briefly: " + "-f 1 -wi 1 -i 1 -w 200ms -r 300ms "
            + "-p " + QUICK_TABLE + " (explicit JMH arguments win).")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/<run-id>).")
    Path out;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "Run the selection N times, "
            + "one fork of each benchmark per round (-f 1 unless given), and pool the forks: every benchmark is "
            + "sampled across the whole run, so a drifting machine does not bias a ratio (default: 1).")
    int rounds;

    @CommandLine.Unmatched
    List<String> jmhArgs = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, RunnerException {
        Locale.setDefault(Locale.ROOT);
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (rounds < 1) {
            throw new IllegalArgumentException("jmh: --rounds: " + rounds + " is invalid; expected at least 1");
        }
        if (rounds > 1 && jmhArgs.contains("-rff")) {
            throw new IllegalArgumentException("jmh: --rounds writes each round's results to <out>/round-<k>/ and the"
                    + " pooled forks to <out>/jmh-result.*; -rff cannot be given with it (use --out)");
        }
        List<String> args = jmhArguments(jmhArgs, quick, dir);
        CommandLineOptions options = parse(args);
        OutputFolder.check("--out", dir);
        // JMH opens -o at once and touches -rff before the first benchmark: both fail with a stack trace otherwise
        for (var file : List.of(Map.entry("-o", options.getOutput()), Map.entry("-rff", options.getResult()))) {
            if (file.getValue().hasValue()) {
                OutputFolder.checkFile(file.getKey(), Path.of(file.getValue().get()));
            }
        }
        Runner runner = new Runner(options);
        if (options.shouldHelp()) {
            options.showHelp();
            return PoolbenchCommand.EXIT_OK;
        }
        if (options.shouldList()) {
            runner.list();
            return PoolbenchCommand.EXIT_OK;
        }
        if (options.shouldListWithParams()) {
            runner.listWithParams(options);
            return PoolbenchCommand.EXIT_OK;
        }
        if (options.shouldListProfilers()) {
            options.listProfilers();
            return PoolbenchCommand.EXIT_OK;
        }
        if (options.shouldListResultFormats()) {
            options.listResultFormats();
            return PoolbenchCommand.EXIT_OK;
        }
        JmhSelection.check(options, jmhArgs);
        Files.createDirectories(dir);
        Collection<RunResult> results = rounds == 1 ? runOnce(runner, args, stdout) : runRounds(stdout, dir, options);
        String summary = JmhSummary.render(results);
        if (!summary.isEmpty()) {
            Files.writeString(dir.resolve("jmh-summary.md"), summary, StandardCharsets.UTF_8);
            stdout.println();
            stdout.print(summary);
        }
        stdout.println();
        stdout.println("results: " + dir.toAbsolutePath());
        stdout.flush();
        return PoolbenchCommand.EXIT_OK;
    }

    /** JMH's own parse of {@code args}; a bad option is a usage error naming it. */
    private static CommandLineOptions parse(List<String> args) {
        try {
            return new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new IllegalArgumentException("jmh: " + e.getMessage());
        }
    }

    private static Collection<RunResult> runOnce(Runner runner, List<String> args, PrintWriter stdout)
            throws RunnerException {
        stdout.println("poolbench jmh: " + String.join(" ", args));
        stdout.flush();
        return runner.run();
    }

    /** {@code --rounds}: each round in a folder of its own, then the pooled forks in {@code dir}'s result file. */
    private Collection<RunResult> runRounds(PrintWriter stdout, Path dir, CommandLineOptions whole)
            throws IOException, RunnerException {
        List<String> perRound = new ArrayList<>(jmhArgs);
        if (!perRound.contains("-f")) {
            perRound.addAll(List.of("-f", "1"));
        }
        List<Collection<RunResult>> done = new ArrayList<>();
        for (int k = 1; k <= rounds; k++) {
            Path roundDir = dir.resolve("round-" + k);
            Files.createDirectories(roundDir);
            List<String> args = jmhArguments(perRound, quick, roundDir);
            stdout.println("poolbench jmh: round " + k + " of " + rounds + ": " + String.join(" ", args));
            stdout.flush();
            done.add(new Runner(parse(args)).run());
        }
        List<RunResult> pooled = JmhRounds.pool(done);
        ResultFormatType format = whole.getResultFormat().orElse(ResultFormatType.JSON);
        Path file = dir.resolve("jmh-result." + format.toString().toLowerCase(Locale.ROOT));
        ResultFormatFactory.getInstance(format, file.toString()).writeOut(pooled);
        return pooled;
    }

    /**
     * The JMH command line: the user's arguments, then (only for options the user did not give)
     * the {@code --quick} settings, the latency profiler, fail-on-error and the JSON result file
     * in {@code dir}.
     */
    static List<String> jmhArguments(List<String> user, boolean quick, Path dir) {
        List<String> args = new ArrayList<>(user);
        if (quick) {
            for (List<String> option : QUICK) {
                if (!user.contains(option.get(0))) {
                    args.addAll(option);
                }
            }
            String table = QUICK_TABLE.substring(0, QUICK_TABLE.indexOf('=') + 1);
            if (user.stream().noneMatch(a -> a.startsWith(table))) {
                args.addAll(List.of("-p", QUICK_TABLE));
            }
        }
        if (user.stream().noneMatch(a -> a.contains(LatencyProfiler.class.getSimpleName()))) {
            args.addAll(List.of("-prof", LatencyProfiler.class.getName()));
        }
        if (!user.contains("-foe")) {
            args.addAll(List.of("-foe", "true"));
        }
        if (!user.contains("-rff")) {
            int rf = user.indexOf("-rf");
            String format = rf >= 0 && rf + 1 < user.size() ? user.get(rf + 1).toLowerCase(Locale.ROOT) : "json";
            if (rf < 0) {
                args.addAll(List.of("-rf", "json"));
            }
            args.addAll(List.of("-rff", dir.resolve("jmh-result." + format).toString()));
        }
        return args;
    }
}
