package dev.poolbench.harness.cli;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.harness.workload.Fib;
import dev.poolbench.harness.workload.GeneratorConfig;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.RouteFileLoader;
import dev.poolbench.harness.workload.RouteGenerator;
import dev.poolbench.harness.workload.RouteLine;
import dev.poolbench.harness.workload.RunOutcome;
import dev.poolbench.harness.workload.WorkloadRunner;
import dev.poolbench.harness.workload.WorkloadRunner.Order;
import dev.poolbench.harness.workload.WorkloadRunner.Shape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code poolbench verify}: every engine found runs every profile at small size, as a pipeline
 * and as a worker pool, against the oracle: KEYED and ORDERED runs must reproduce
 * {@code sequential}'s RIB digest and counts, UNORDERED runs its counts. One line per
 * engine × profile on stdout; exit 0 when all match, 4 when any differs.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run every engine through every profile at small size against the oracle "
                + "(sequential's RIB digest and counts); exit 4 if any differs.")
final class VerifyCommand implements Callable<Integer> {

    /** One checked run per engine × profile. */
    private record Variant(String label, Shape shape, Order order, int producers, RunOutcome.Check check) {
    }

    private static final List<Variant> VARIANTS = List.of(
            new Variant("pipeline/KEYED", Shape.PIPELINE, Order.KEYED, 1, RunOutcome.Check.DIGEST_AND_COUNTS),
            new Variant("pool/KEYED x2", Shape.POOL, Order.KEYED, 2, RunOutcome.Check.DIGEST_AND_COUNTS),
            new Variant("pipeline/ORDERED", Shape.PIPELINE, Order.ORDERED, 1, RunOutcome.Check.DIGEST_AND_COUNTS),
            new Variant("pool/UNORDERED x2", Shape.POOL, Order.UNORDERED, 2, RunOutcome.Check.COUNTS));

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engines", split = ",", paramLabel = "NAME", description = "Engines to check (default: all found).")
    List<String> engines;

    @Option(names = "--profiles", split = ",", paramLabel = "PROFILE",
            description = "Profiles, name[:key=value]... (default: all).")
    List<String> profiles;

    @Option(names = "--routes", paramLabel = "FILE", description = "Take the input from a route file instead of the generator.")
    Path routes;

    @Option(names = "--size", defaultValue = "1000", description = "Items per run (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "4", description = "Parallelism of each stage (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--buffer", defaultValue = "16", description = "Buffer of each stage (default ${DEFAULT-VALUE}).")
    int buffer;

    @Option(names = "--bad-lines", defaultValue = "0.02",
            description = "Bad-line share of the generated input unless a profile sets badLines (default ${DEFAULT-VALUE}).")
    double badLines;

    @Option(names = "--throw-rate", defaultValue = "0.01",
            description = "Share of items whose resolve stage throws unless a profile sets throwRate (default ${DEFAULT-VALUE}).")
    double throwRate;

    @Option(names = "--timeout", defaultValue = "60", description = "Time limit of one run, seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        OptionChecks.positive("--size", size);
        OptionChecks.positive("--parallelism", parallelism);
        OptionChecks.positive("--buffer", buffer);
        OptionChecks.positive("--timeout", timeoutSeconds);
        OptionChecks.fraction("--bad-lines", badLines);
        OptionChecks.fraction("--throw-rate", throwRate);
        Engine reference = Engines.byName("sequential");
        List<Engine> selected = new ArrayList<>();
        if (engines == null || engines.isEmpty()) {
            selected.addAll(Engines.all());
        } else {
            Set<String> names = new LinkedHashSet<>(engines);
            for (String n : names) {
                selected.add(Engines.byName(n.strip()));
            }
        }
        List<Profile> chosen = new ArrayList<>();
        for (String p : profiles == null || profiles.isEmpty()
                ? Profile.ALL.stream().map(Profile::name).toList() : profiles) {
            Profile profile = Profile.parse(p);
            if (!p.contains("throwRate=")) {
                profile = profile.with("throwRate", String.valueOf(throwRate));
            }
            if (!p.contains("badLines=")) {
                profile = profile.with("badLines", String.valueOf(badLines));
            }
            chosen.add(profile);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GeneratorConfig base = GeneratorConfig.defaults(seed, size);
        Fib fib = Fib.synthetic(base, Math.max(20_000, size));
        List<RouteLine> fileItems = null;
        if (routes != null) {
            List<RouteLine> items = new ArrayList<>();
            RouteFileLoader.load(routes, size, items::add);
            fileItems = items;
        }
        err.printf("verify: %s, %s; %d variants per engine x profile; reference: sequential pipeline/KEYED%n",
                routes != null ? fileItems.size() + " items from " + routes : size + " generated items (seed " + seed + ")",
                fib, VARIANTS.size());
        err.flush();
        Duration limit = Duration.ofSeconds(timeoutSeconds);
        Map<Double, List<RouteLine>> generated = new HashMap<>();
        int differing = 0;
        for (Profile profile : chosen) {
            List<RouteLine> items = fileItems != null ? fileItems : generated.computeIfAbsent(profile.param("badLines"),
                    b -> RouteGenerator.list(base.withBadFraction(b)));
            Map<Integer, List<List<RouteLine>>> split = new HashMap<>();
            RunOutcome ref = WorkloadRunner.run(reference, profile.instantiate(fib), Shape.PIPELINE, Order.KEYED,
                    List.of(items), parallelism, buffer, limit);
            for (Engine engine : selected) {
                List<String> problems = new ArrayList<>();
                if (ref.error() != null) {
                    problems.add("reference run failed: " + ref.error());
                } else {
                    for (Variant v : VARIANTS) {
                        List<List<RouteLine>> producers = split.computeIfAbsent(v.producers(),
                                n -> RouteGenerator.partition(items, n));
                        RunOutcome o = WorkloadRunner.run(engine, profile.instantiate(fib), v.shape(), v.order(),
                                producers, parallelism, buffer, limit);
                        String d = o.differenceFrom(ref, v.check());
                        if (d != null) {
                            problems.add(v.label() + ": " + d);
                        }
                    }
                }
                if (problems.isEmpty()) {
                    out.printf("%-11s %-9s ok       %s digest=%016x prefixes=%d%n", engine.name(), profile.name(),
                            ref.counts(), ref.digest(), ref.ribSize());
                } else {
                    differing++;
                    out.printf("%-11s %-9s DIFFERS  %s%n", engine.name(), profile.name(), String.join("; ", problems));
                }
                out.flush();
            }
        }
        err.printf("verify: %d of %d engine x profile combinations differ%n", differing,
                selected.size() * chosen.size());
        err.flush();
        return differing == 0 ? PoolbenchCommand.EXIT_OK : PoolbenchCommand.EXIT_INVALID;
    }
}
