package dev.poolbench.harness.cli;

import dev.poolbench.harness.compare.AbRun;
import dev.poolbench.harness.compare.CompareReport;
import dev.poolbench.harness.compare.Comparer;
import dev.poolbench.harness.compare.Comparison;
import dev.poolbench.harness.compare.JmhResultSamples;
import dev.poolbench.harness.compare.NoiseFloor;
import dev.poolbench.harness.compare.ResultFolderSamples;
import dev.poolbench.harness.compare.SampleSet;
import dev.poolbench.harness.compare.Side;
import dev.poolbench.harness.compare.Thresholds;
import dev.poolbench.harness.compare.Verdict;
import dev.poolbench.harness.compare.VerdictRule;
import dev.poolbench.harness.measure.Manifest;
import dev.poolbench.harness.measure.ResultsWriter;
import dev.poolbench.harness.measure.RowResult;
import dev.poolbench.harness.measure.RowSpec;
import dev.poolbench.harness.measure.Rows;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code poolbench compare}: a statistical regression verdict for CI (SPEC §8). A/B mode (no
 * positional argument) runs the selected rows for two sides interleaved, one fork per side per
 * round; baseline mode ({@code BASE CURRENT}) compares two result folders or two jmh-result.json
 * files. Markdown on stdout, compare.csv in the output folder; exit 0 (no regression),
 * 3 (regression), 4 (an invalid row), 2 (bad input).
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Regression verdicts: B against A, per row and metric (improved/unchanged/regressed/inconclusive).",
                "A/B mode (recommended): poolbench compare [--a-*/--b-* options] [--rounds N] [run selection]",
                "Baseline mode:          poolbench compare BASE CURRENT   (result folders or jmh-result.json files)",
                "Exit: 0 no regression, 3 regression, 4 invalid row, 2 bad input."})
final class CompareCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "BASE CURRENT",
            description = "Baseline mode: two result folders (samples.csv) or two jmh-result.json files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--a-jar", paramLabel = "JAR", description = "Side A's poolbench jar (default: this build).")
    Path aJar;

    @Option(names = "--b-jar", paramLabel = "JAR", description = "Side B's poolbench jar (default: this build).")
    Path bJar;

    @Option(names = "--a-java", paramLabel = "JDK", description = "Side A's JDK home folder, Java 21+ (default: this JVM's).")
    Path aJava;

    @Option(names = "--b-java", paramLabel = "JDK", description = "Side B's JDK home folder, Java 21+ (default: this JVM's).")
    Path bJava;

    @Option(names = "--a-jvm-args", paramLabel = "ARGS",
            description = "Side A's JVM args, space-separated; added to the forks' defaults, replacing a default of the same option.")
    String aJvmArgs;

    @Option(names = "--b-jvm-args", paramLabel = "ARGS",
            description = "Side B's JVM args, e.g. \"-XX:+UseZGC\"; added to the defaults, replacing a default of the same option.")
    String bJvmArgs;

    @Option(names = "--rounds", paramLabel = "N", description = "Interleaved rounds, one fork per side each (default: 10).")
    int rounds = 10;

    @Option(names = "--aa", description = "Run A against itself: shows the noise floor per metric and a suggested threshold.")
    boolean aa;

    @Option(names = "--threshold-throughput", paramLabel = "F", description = "Throughput drop that matters (default: 0.10).")
    double thresholdThroughput = Thresholds.DEFAULT_THROUGHPUT;

    @Option(names = "--threshold-p99", paramLabel = "F", description = "p99 rise that matters (default: 0.25).")
    double thresholdP99 = Thresholds.DEFAULT_P99;

    @Option(names = "--threshold-cpu", paramLabel = "F", description = "CPU/item rise that matters (default: 0.15).")
    double thresholdCpu = Thresholds.DEFAULT_CPU;

    @Option(names = "--threshold-tail", paramLabel = "F",
            description = "p99.9/max rise that matters on 8+ cores (default: 0.50; informational below 8 cores).")
    double thresholdTail = Thresholds.DEFAULT_TAIL;

    @Option(names = "--alpha", paramLabel = "P", description = "Significance level of the Mann-Whitney U test (default: 0.01).")
    double alpha = Thresholds.DEFAULT_ALPHA;

    @Option(names = "--fail-on-inconclusive", description = "Exit 3 also when a gating verdict is inconclusive.")
    boolean failOnInconclusive;

    @CommandLine.Mixin
    RunSelection selection = new RunSelection();

    /** Options that mean something in baseline mode. */
    private static final Set<String> BASELINE_OPTIONS = Set.of("--out", "--threshold-throughput", "--threshold-p99",
            "--threshold-cpu", "--threshold-tail", "--alpha", "--fail-on-inconclusive");

    /**
     * Warm-up passes per fork unless --warmups is given, --quick included: more than run's quick 1,
     * so that C2 has compiled the hot code before measuring (with 1, a C1-only side measured as fast
     * as a C2 one here: the compiler was still busy), which is what a gate must see.
     */
    static final int DEFAULT_WARMUPS = 3;

    /** Manifest keys whose difference makes results hard to compare. */
    private static final List<String> MANIFEST_KEYS = List.of("jvm_version", "cores", "cpu_model");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int cores = Runtime.getRuntime().availableProcessors();
        Thresholds th = new Thresholds(thresholdThroughput, thresholdP99, thresholdCpu, thresholdTail, alpha, cores);
        Path dir = selection.out != null ? selection.out : Path.of("results", "compare-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OutputFolder.check("--out", dir);
        CompareReport report = inputs.isEmpty() ? abMode(th, dir, err) : baselineMode(th);
        report.markdown(out);
        report.csv(dir.resolve("compare.csv"));
        err.println("poolbench: compare.csv -> " + dir.toAbsolutePath());
        err.flush();
        return report.exitCode();
    }

    private CompareReport baselineMode(Thresholds th) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("baseline mode needs two inputs, BASE and CURRENT (got " + inputs.size()
                    + ")");
        }
        List<String> misplaced = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(CommandLine.Model.OptionSpec::longestName).filter(n -> !BASELINE_OPTIONS.contains(n)).toList();
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", misplaced)
                    + ": not used in baseline mode (BASE CURRENT); valid there: " + String.join(", ",
                    BASELINE_OPTIONS.stream().sorted().toList()));
        }
        Path basePath = inputs.get(0);
        Path curPath = inputs.get(1);
        boolean baseJson = isJmh(basePath);
        boolean curJson = isJmh(curPath);
        if (baseJson != curJson) {
            throw new IllegalArgumentException(basePath + " and " + curPath + ": one is a JMH JSON file, the other a"
                    + " result folder; compare like with like");
        }
        SampleSet base = load(basePath);
        SampleSet cur = load(curPath);
        List<String> warnings = manifestWarnings(base.manifest(), cur.manifest());
        int cores = Math.min(cores(base.manifest(), th.cores()), cores(cur.manifest(), th.cores()));
        Thresholds t = th.withCores(cores);
        List<Comparison> cs = Comparer.compare(base, cur, false, t);
        if (cs.stream().anyMatch(c -> c.metric() != null && Math.min(c.nA(), c.nB()) < VerdictRule.MIN_SAMPLES)) {
            warnings.add("some rows have fewer than " + VerdictRule.MIN_SAMPLES + " samples per side: their verdicts are"
                    + " inconclusive (record more with --iterations/--forks)");
        }
        List<String> pre = List.of("Baseline mode: A = `" + base.source() + "`, B = `" + cur.source()
                + "` (samples: " + (baseJson ? "JMH rawData iterations" : "A: " + base.unit() + "; B: " + cur.unit())
                + ", unpaired).");
        return new CompareReport("baseline", pre, warnings, cs, t, List.of(), exitCode(cs), failOnInconclusive);
    }

    /** A JMH JSON input: a .json file, or a folder holding jmh-result.json but no samples.csv. */
    private static boolean isJmh(Path p) {
        if (Files.isDirectory(p)) {
            return !Files.exists(p.resolve("samples.csv")) && Files.isRegularFile(p.resolve("jmh-result.json"));
        }
        return p.getFileName() != null && p.getFileName().toString().endsWith(".json");
    }

    private static SampleSet load(Path p) {
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(p + ": missing (expected a result folder or a jmh-result.json file)");
        }
        if (Files.isDirectory(p)) {
            return isJmh(p) ? JmhResultSamples.read(p.resolve("jmh-result.json")) : ResultFolderSamples.read(p);
        }
        if (isJmh(p)) {
            return JmhResultSamples.read(p);
        }
        throw new IllegalArgumentException(p + ": neither a result folder nor a .json file");
    }

    private static List<String> manifestWarnings(Map<String, String> a, Map<String, String> b) {
        List<String> w = new ArrayList<>();
        if (a.isEmpty() || b.isEmpty()) {
            if (a.isEmpty() != b.isEmpty()) {
                w.add("only one side has a manifest.csv: the environments cannot be checked");
            }
            return w;
        }
        for (String k : MANIFEST_KEYS) {
            String va = a.getOrDefault(k, "");
            String vb = b.getOrDefault(k, "");
            if (!va.equals(vb)) {
                w.add("manifests differ in " + k + ": `" + va + "` (A) vs `" + vb + "` (B): differences may come from"
                        + " the environment, not the code");
            }
        }
        return w;
    }

    private static int cores(Map<String, String> manifest, int fallback) {
        try {
            return Integer.parseInt(manifest.getOrDefault("cores", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private CompareReport abMode(Thresholds th, Path dir, PrintWriter err) throws IOException, InterruptedException {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds " + rounds + ": expected an integer >= 1");
        }
        if (selection.forksOption != null) {
            throw new IllegalArgumentException("--forks: compare runs one fork per side per round; use --rounds");
        }
        if (aa && (bJar != null || bJava != null || bJvmArgs != null)) {
            throw new IllegalArgumentException("--aa runs A against itself: drop the --b-* options");
        }
        if (selection.warmups == null) {
            selection.warmups = DEFAULT_WARMUPS;
        }
        RunSelection.Plan plan = selection.plan(spec.commandLine());
        String thisCp = System.getProperty("java.class.path");
        String extraCp = selection.engineJars.stream().map(j -> File.pathSeparator + j.toAbsolutePath())
                .collect(Collectors.joining());
        List<String> base = plan.launcher().jvmArgs();
        Side a = Side.of("A", "--a", aJava, base, aJvmArgs, aJar, extraCp, thisCp);
        Side b = aa ? new Side("B", a.launcher(), a.javaVersion(), a.javaVendor(), a.build())
                : Side.of("B", "--b", bJava, base, bJvmArgs, bJar, extraCp, thisCp);
        JvmArgsProbe.check(jvmArgsSource("a", aJvmArgs), a.launcher());
        if (!aa) {
            JvmArgsProbe.check(jvmArgsSource("b", bJvmArgs), b.launcher());
        }
        Files.createDirectories(dir);
        Map<String, String> manA = sideManifest(a, plan, dir);
        Map<String, String> manB = sideManifest(b, plan, dir);
        List<String> warnings = new ArrayList<>();
        if (rounds < VerdictRule.MIN_SAMPLES) {
            warnings.add(rounds + " rounds: fewer than " + VerdictRule.MIN_SAMPLES
                    + ", so every verdict is inconclusive");
        }
        double load = loadAverage();
        if (load > th.cores()) {
            warnings.add(String.format(java.util.Locale.ROOT, "this machine was busy when the run started (load average"
                    + " %.1f on %d cores): expect wide intervals", load, th.cores()));
        }
        // a gate measures each side's steady state: warm-up waits for the JIT to settle, --quick too
        AbRun run = new AbRun(plan.rows().stream().map(r -> r.withMaxWarmup(RowSpec.DEFAULT_MAX_WARMUP)).toList(),
                rounds, a, b);
        int forks = plan.rows().size() * rounds * 2;
        err.println("poolbench: compare " + plan.rows().size() + " rows x " + rounds + " rounds x 2 sides = " + forks
                + " forks -> " + dir);
        err.flush();
        run.run(new AbRun.Listener() {
            @Override
            public void forkDone(int round, Side side, RowResult result, int done, int total) {
                err.println("poolbench: [" + done + "/" + total + "] round " + (round + 1) + " " + side.name() + ": "
                        + Rows.oneLine(result));
                err.flush();
            }

            @Override
            public void roundDone(int round, List<RowResult> ra, List<RowResult> rb) throws IOException {
                String now = java.time.Instant.now().toString();
                manA.put("finished_utc", now);
                manB.put("finished_utc", now);
                new ResultsWriter(dir.resolve("a")).write(manA, ra);
                new ResultsWriter(dir.resolve("b")).write(manB, rb);
            }
        });
        List<Comparison> cs = Comparer.compare(run.samples(0), run.samples(1), true, th);
        List<String> pre = new ArrayList<>();
        pre.add("A/B mode: " + rounds + " interleaved rounds (A first in odd rounds, B first in even ones), one fork per"
                + " side per round; raw results in `" + dir.resolve("a") + "` and `" + dir.resolve("b") + "`.");
        pre.add("");
        pre.add("| side | JVM | JVM args | build |");
        pre.add("|---|---|---|---|");
        for (Side s : List.of(a, b)) {
            pre.add("| " + s.name() + (aa && s == b ? " (= A)" : "") + " | " + s.javaVendor() + " " + s.javaVersion()
                    + " | `" + String.join(" ", s.launcher().jvmArgs()) + "` | " + s.build() + " |");
        }
        List<NoiseFloor> noise = aa ? NoiseFloor.of(cs, th) : List.of();
        return new CompareReport(aa ? "A/A (noise floor), " + rounds + " rounds" : "A/B, " + rounds + " rounds", pre,
                warnings, cs, th, noise, exitCode(cs), failOnInconclusive);
    }

    /** The options side {@code a} or {@code b}'s JVM arguments came from, for the probe's message. */
    private String jvmArgsSource(String side, String sideArgs) {
        List<String> given = new ArrayList<>();
        if (sideArgs != null) {
            given.add("--" + side + "-jvm-args \"" + sideArgs.strip() + "\"");
        }
        if (selection.jvmArgs != null) {
            given.add("--jvm-args \"" + selection.jvmArgs.strip() + "\"");
        }
        String name = "side " + side.toUpperCase(java.util.Locale.ROOT);
        return given.isEmpty() ? name + " (default JVM arguments)" : String.join(" with ", given) + " (" + name + ")";
    }

    private Map<String, String> sideManifest(Side s, RunSelection.Plan plan, Path dir) {
        Map<String, String> m = Manifest.collect(dir.getFileName() + "/" + s.name().toLowerCase(java.util.Locale.ROOT),
                plan.commandLine(), selection.seed, "forked: compare side " + s.name() + ", 1 fork per round, "
                        + rounds + " rounds", s.launcher());
        m.put("jvm_version", s.javaVersion());
        m.put("jvm_vendor", s.javaVendor());
        m.put("duration_per_iteration_ms", Long.toString(plan.duration().toMillis()));
        m.put("warmups", Integer.toString(plan.warmups()));
        m.put("iterations", Integer.toString(plan.iterations()));
        return m;
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** 4 when a row is invalid, 3 on a gating regression (or inconclusive with --fail-on-inconclusive), else 0. */
    private int exitCode(List<Comparison> cs) {
        if (cs.stream().anyMatch(c -> c.verdict() == Verdict.INVALID)) {
            return PoolbenchCommand.EXIT_INVALID;
        }
        boolean fail = cs.stream().filter(Comparison::gating).anyMatch(c -> c.verdict() == Verdict.REGRESSED
                || (failOnInconclusive && c.verdict() == Verdict.INCONCLUSIVE));
        return fail ? PoolbenchCommand.EXIT_REGRESSION : PoolbenchCommand.EXIT_OK;
    }
}
