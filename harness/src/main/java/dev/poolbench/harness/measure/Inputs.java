package dev.poolbench.harness.measure;

import dev.poolbench.harness.workload.Fib;
import dev.poolbench.harness.workload.GeneratorConfig;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.RouteFileLoader;
import dev.poolbench.harness.workload.RouteGenerator;
import dev.poolbench.harness.workload.RouteLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The route inputs of one fork: the FIB every pass resolves in, and input lists of the sizes
 * the passes ask for — the seeded generator's first n lines (same seed, same lines), or a route
 * file repeated to n lines — split into disjoint key ranges per producer. Lists are cached:
 * every iteration of a phase, and the oracle, see the very same items.
 */
final class Inputs {
    /** Prefixes in the synthetic FIB's table (besides the core topology). */
    static final int TABLE_PREFIXES = 100_000;

    private final long seed;
    private final Path routesFile;
    private final Fib fib;
    private final Map<String, List<List<RouteLine>>> cache = new HashMap<>();
    private List<RouteLine> fileLines;

    Inputs(long seed, String routesFile) {
        this.seed = seed;
        this.routesFile = routesFile == null ? null : Path.of(routesFile);
        this.fib = Fib.synthetic(GeneratorConfig.defaults(seed, 0), TABLE_PREFIXES);
    }

    Fib fib() {
        return fib;
    }

    /** {@code n} lines for {@code profile} (its bad-line share), split over {@code producers}. */
    List<List<RouteLine>> lines(Profile profile, int n, int producers) {
        double bad = profile.param("badLines");
        String key = n + "/" + producers + "/" + bad;
        return cache.computeIfAbsent(key, k -> RouteGenerator.partition(all(n, bad), producers));
    }

    private List<RouteLine> all(int n, double badFraction) {
        if (routesFile == null) {
            return RouteGenerator.list(GeneratorConfig.defaults(seed, n).withBadFraction(badFraction));
        }
        if (fileLines == null) {
            List<RouteLine> loaded = new ArrayList<>();
            RouteFileLoader.load(routesFile, loaded::add);
            if (loaded.isEmpty()) {
                throw new IllegalArgumentException(routesFile + ": no route lines");
            }
            fileLines = loaded;
        }
        List<RouteLine> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(fileLines.get(i % fileLines.size()));
        }
        return out;
    }
}
