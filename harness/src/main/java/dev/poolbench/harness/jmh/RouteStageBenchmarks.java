package dev.poolbench.harness.jmh;

import dev.poolbench.harness.workload.Fib;
import dev.poolbench.harness.workload.GeneratorConfig;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.ResolvedRoute;
import dev.poolbench.harness.workload.Route;
import dev.poolbench.harness.workload.RouteException;
import dev.poolbench.harness.workload.RouteGenerator;
import dev.poolbench.harness.workload.RouteLine;
import dev.poolbench.harness.workload.RouteParser;
import dev.poolbench.harness.workload.RouteValidator;
import dev.poolbench.harness.workload.RouteWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of each route stage, single-threaded, on a table of {@code tablePrefixes} prefixes
 * (default ~900,000, the size of a full IPv4+IPv6 table): the FIB that resolve searches and
 * the RIB that install updates both hold that table. Each invocation handles the next of
 * {@value #ITEMS} pre-generated items (churn on the table's keys, 15 % IPv6).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouteStageBenchmarks {

    static final int ITEMS = 1 << 16;

    @Param("900000")
    public int tablePrefixes;

    private RouteLine[] lines;
    private Route[] routes;
    private ResolvedRoute[] resolved;
    private final RouteParser parser = new RouteParser();
    private final RouteValidator validator = new RouteValidator();
    private RouteWorkload workload;
    private int next;

    @Setup
    public void setUp() throws Exception {
        GeneratorConfig table = new GeneratorConfig(2024, tablePrefixes, 1, 0.15, 0.0, 1.0, 0.0);
        Fib fib = Fib.synthetic(table, tablePrefixes);
        workload = Profile.parse("cpu").instantiate(fib);
        // fill the RIB with the table
        RouteGenerator.table(table, tablePrefixes, r -> {
            try {
                workload.install(new ResolvedRoute(r, 0));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the measured items: the stream continues with churn over the table's keys (and new prefixes)
        List<RouteLine> stream = new ArrayList<>();
        RouteGenerator.lines(table.withCount(tablePrefixes + ITEMS).withChurn(0.5), l -> {
            if (l.number() > tablePrefixes) {
                stream.add(l);
            }
        });
        lines = stream.toArray(RouteLine[]::new);
        routes = new Route[lines.length];
        List<ResolvedRoute> rr = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            routes[i] = validator.validate(parser.parse(lines[i]));
            ResolvedRoute x = workload.resolve(routes[i]);
            rr.add(x != null ? x : new ResolvedRoute(routes[i], 0));
        }
        resolved = rr.toArray(ResolvedRoute[]::new);
    }

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (ITEMS - 1);
        return i;
    }

    @Benchmark
    public Route parse() throws RouteException {
        return parser.parse(lines[nextIndex()]);
    }

    @Benchmark
    public Route validate() throws RouteException {
        return validator.validate(routes[nextIndex()]);
    }

    @Benchmark
    public ResolvedRoute resolve() {
        return workload.resolve(routes[nextIndex()]);
    }

    @Benchmark
    public ResolvedRoute install() throws InterruptedException {
        return workload.install(resolved[nextIndex()]);
    }
}
