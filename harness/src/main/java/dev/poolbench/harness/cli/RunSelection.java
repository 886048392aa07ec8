package dev.poolbench.harness.cli;

import dev.poolbench.api.Engine;
import dev.poolbench.api.EngineOptions;
import dev.poolbench.api.Engines;
import dev.poolbench.harness.measure.ForkLauncher;
import dev.poolbench.harness.measure.RowSpec;
import dev.poolbench.harness.measure.Scenario;
import dev.poolbench.harness.measure.Scenarios;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.RouteFileLoader;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import static dev.poolbench.harness.cli.OptionChecks.nonNegative;
import static dev.poolbench.harness.cli.OptionChecks.positive;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * The run-selection options of SPEC §7, shared by {@code run} and {@code compare}. Explicit
 * options override the {@code --quick} preset. Unknown names exit 2 listing the valid ones.
 */
final class RunSelection {

    @Option(names = "--engines", split = ",", paramLabel = "NAME", description = "Engines to run (default: all found).")
    List<String> engines;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Scenarios (default: all). See 'poolbench list'.")
    List<String> scenarios;

    @Option(names = "--profiles", split = ",", paramLabel = "SPEC",
            description = "Profiles, e.g. cpu or blocking:delayMs=2 (default: each scenario's own).")
    List<String> profiles;

    @Option(names = "--parallelism", split = ",", paramLabel = "N",
            description = "Parallelism sweep (default: the number of cores).")
    List<Integer> parallelism;

    @Option(names = "--buffer", split = ",", paramLabel = "N", description = "Buffer sweep (default: 1024).")
    List<Integer> buffer;

    @Option(names = "--load", split = ",", paramLabel = "F",
            description = "Latency load points, fractions of the measured saturation rate (default: 0.5).")
    List<Double> load;

    @Option(names = "--arrival-rate", paramLabel = "ITEMS/S",
            description = "Open-loop arrival rate in items/s instead of --load.")
    Double arrivalRate;

    @Option(names = "--poisson", description = "Poisson arrivals instead of constant spacing.")
    boolean poisson;

    @Option(names = "--rate-limit", paramLabel = "ITEMS/S",
            description = "The contract's rate-limit option for every pattern (RateLimitedWorker defaults to 5000).")
    Double rateLimit;

    @Option(names = "--platform-cap", paramLabel = "N",
            description = "Parallelism of platform-thread engines in the blocking scenarios (default: 200).")
    Integer platformCap;

    @Option(names = "--duration", paramLabel = "TIME", converter = DurationConverter.class,
            description = "Length of a measured pass's window, e.g. 500ms, 2s (default: 200ms; --quick: 100ms).")
    Duration duration;

    @Option(names = "--forks", paramLabel = "N",
            description = "Forked JVMs per row, the samples of the statistics (default: 3; --quick: 1). "
                    + "Rows measured at a fraction of saturation get one more, throughput-only, pilot fork.")
    Integer forksOption;
    int forks = DEFAULT_FORKS;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Measured passes per phase and fork (default: 3; --quick: 2).")
    Integer iterations;

    @Option(names = "--warmups", paramLabel = "N",
            description = "Warm-up passes per fork at least (default: 2; --quick: 1); then more while the JIT "
                    + "compiler is busy, up to 5 s more.")
    Integer warmups;

    @Option(names = "--in-process", description = "Debugging only: measure every row in this JVM, no forks "
            + "(engines then share one JIT profile and heap, so figures do not compare).")
    boolean inProcess;

    @Option(names = "--routes", paramLabel = "FILE",
            description = "A route file (vrf,prefix,next_hop[,asn][,op] or start,end,asn[,org]) instead of generated routes.")
    Path routes;

    @Option(names = "--engine-opt", paramLabel = "K=V", description = "Engine option, e.g. disruptor.wait=yielding (repeatable).")
    Map<String, String> engineOptions = new LinkedHashMap<>();

    @Option(names = "--engine-jar", paramLabel = "JAR", description = "A jar with more engines (repeatable).")
    List<Path> engineJars = new ArrayList<>();

    @Option(names = "--jvm-args", paramLabel = "ARGS",
            description = "JVM arguments of the forks, space-separated (default: -Xms1g -Xmx4g -XX:+UseG1GC).")
    String jvmArgs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the generated routes (default: 42).")
    long seed = 42;

    @Option(names = "--out", paramLabel = "DIR", description = "Result folder (default: results/<run-id>).")
    Path out;

    @Option(names = "--quick", description = "A fast look: one fork per row (plus the pilot), short passes; "
            + "explicit options win.")
    boolean quick;

    static final int DEFAULT_FORKS = 3;

    /** What the options resolve to. */
    record Plan(List<Engine> engines, List<RowSpec> rows, Path out, boolean inProcess, Duration duration, int warmups,
                int iterations, List<String> commandLine, ForkLauncher launcher) {
    }

    Plan plan(CommandLine cl) {
        forks = forksOption != null ? positive("--forks", forksOption) : quick ? 1 : DEFAULT_FORKS;
        installEngineJars();
        List<Engine> all = Engines.all();
        List<Engine> chosen = engines == null ? all : engines.stream().map(Engines::byName).toList();
        Map<String, String> opts = new LinkedHashMap<>(engineOptions);
        for (String key : opts.keySet()) {
            String prefix = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (all.stream().noneMatch(e -> e.name().equals(prefix))) {
                throw new IllegalArgumentException("--engine-opt " + key + ": no engine named '" + prefix + "'; valid: "
                        + all.stream().map(Engine::name).collect(Collectors.joining(", ")));
            }
        }
        for (Engine e : all) {
            EngineOptions.resolve(e, opts); // every engine named, chosen or not: a bad value is never silently unused
        }
        List<Scenario> scs = scenarios == null ? Scenarios.ALL : scenarios.stream().map(Scenarios::byName).toList();
        if (profiles != null) {
            profiles.forEach(Profile::parse);
        }
        if (routes != null) {
            RouteFileLoader.load(routes, 1000, l -> { });
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> pars = parallelism != null ? parallelism : List.of(cores);
        pars.forEach(p -> positive("--parallelism", p));
        List<Integer> bufs = buffer != null ? buffer : List.of(1024);
        bufs.forEach(b -> positive("--buffer", b));
        List<Double> loads = load != null ? load : List.of(0.5);
        for (double l : loads) {
            if (!(l > 0 && l <= 1.5)) {
                throw new IllegalArgumentException("--load " + l + ": expected a fraction of saturation in (0, 1.5]");
            }
        }
        if (arrivalRate != null && !(arrivalRate > 0)) {
            throw new IllegalArgumentException("--arrival-rate " + arrivalRate + ": expected items/s > 0");
        }
        if (rateLimit != null && !(rateLimit > 0)) {
            throw new IllegalArgumentException("--rate-limit " + rateLimit + ": expected items/s > 0");
        }
        int cap = platformCap != null ? positive("--platform-cap", platformCap) : 200;
        Duration d = duration != null ? duration : quick ? Duration.ofMillis(100) : Duration.ofMillis(200);
        if (d.toMillis() < 10) {
            throw new IllegalArgumentException("--duration " + d.toMillis() + "ms: expected at least 10ms");
        }
        int w = warmups != null ? nonNegative("--warmups", warmups) : quick ? 1 : 2;
        int it = iterations != null ? positive("--iterations", iterations) : quick ? 2 : 3;
        List<RowSpec> rows = new ArrayList<>();
        for (Scenario sc : scs) {
            List<String> profs = profiles != null ? profiles : List.of(sc.defaultProfile());
            for (String prof : profs) {
                String profile = shortSpec(Profile.parse(prof));
                for (int p : pars) {
                    for (int b : bufs) {
                        for (Engine e : chosen) {
                            if (e.name().equals("sequential") && rows.stream().anyMatch(r -> r.engine()
                                    .equals("sequential") && r.scenario().equals(sc.name())
                                    && r.profile().equals(profile) && r.buffer() == b)) {
                                continue; // sequential runs one item at a time: one row per buffer is enough
                            }
                            rows.add(new RowSpec(e.name(), sc.name(), profile, p, b, opts, loads,
                                    arrivalRate != null ? arrivalRate : 0, rateLimit != null ? rateLimit : 0, cap, d, w,
                                    it, seed, routes == null ? null : routes.toAbsolutePath().toString(), poisson)
                                    .withMaxWarmup(RowSpec.DEFAULT_MAX_WARMUP));
                        }
                    }
                }
            }
        }
        Path dir = out != null ? out : Path.of("results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        OutputFolder.check("--out", dir);
        List<String> jvm = jvmArgs == null ? ForkLauncher.defaultJvmArgs()
                : Arrays.stream(jvmArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        String cp = System.getProperty("java.class.path") + engineJars.stream()
                .map(j -> File.pathSeparator + j.toAbsolutePath()).collect(Collectors.joining());
        List<String> cmd = new ArrayList<>(List.of("poolbench"));
        cmd.addAll(cl.getParseResult().originalArgs());
        return new Plan(chosen, rows, dir, inProcess, d, w, it, cmd,
                new ForkLauncher(null, jvm, cp));
    }

    /**
     * Starts the forks' JVM once with their arguments ({@code --jvm-args} or the defaults) before any
     * row: a refused argument is a usage error, not one invalid row per fork. Also with --in-process
     * when --jvm-args was given: a typo is reported rather than silently unused.
     */
    void checkForkJvm(Plan plan) {
        if (!plan.inProcess() || jvmArgs != null) {
            JvmArgsProbe.check(jvmArgs != null ? "--jvm-args \"" + jvmArgs.strip() + "\"" : "the forks' default JVM arguments",
                    plan.launcher());
        }
    }

    /** Makes engines in --engine-jar visible to ServiceLoader (and puts them on the forks' class path). */
    private void installEngineJars() {
        if (engineJars.isEmpty()) {
            return;
        }
        List<URL> urls = new ArrayList<>();
        for (Path j : engineJars) {
            if (!Files.isRegularFile(j)) {
                throw new IllegalArgumentException("--engine-jar " + j + ": no such file");
            }
            checkDeclaresEngines(j);
            try {
                urls.add(j.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--engine-jar " + j + ": " + e.getMessage());
            }
        }
        Thread.currentThread().setContextClassLoader(new URLClassLoader(urls.toArray(URL[]::new),
                RunSelection.class.getClassLoader()));
    }

    /** A jar whose engines ServiceLoader will find; anything else would be silently ignored. */
    private static void checkDeclaresEngines(Path jar) {
        String services = "META-INF/services/" + Engine.class.getName();
        try (JarFile j = new JarFile(jar.toFile())) {
            if (j.getEntry(services) == null) {
                throw new IllegalArgumentException("--engine-jar " + jar + ": declares no engine (no " + services + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--engine-jar " + jar + ": not a jar (" + e.getMessage() + ")");
        }
    }

    /** A profile's name with only the parameters that differ from its defaults: {@code cpu}, {@code blocking:delayMs=2}. */
    static String shortSpec(Profile p) {
        Profile defaults = Profile.parse(p.name());
        StringBuilder b = new StringBuilder(p.name());
        p.params().forEach((k, v) -> {
            if (!v.equals(defaults.params().get(k))) {
                b.append(':').append(k).append('=').append(v);
            }
        });
        return b.toString();
    }
}
