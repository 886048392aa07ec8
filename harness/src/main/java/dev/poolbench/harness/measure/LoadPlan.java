package dev.poolbench.harness.measure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order forks run in, so that every engine of a scenario is offered the same absolute load
 * (SPEC §5). Rows are grouped by scenario, profile and requested parallelism and buffer. In each
 * group, when latency is asked for as fractions of saturation, a first <em>pilot</em> fork per
 * row measures throughput only; the group's common saturation is that of its slowest valid
 * engine other than {@code sequential} (sequential only when it is alone); every further fork
 * then measures throughput and latency at {@code load × common saturation}, the same items/s
 * for every engine. The pilot forks' throughput passes count as samples like any other's. With
 * an absolute {@code --arrival-rate}, or for the cancellation scenario, no pilot is needed.
 * Further forks go round the group's rows (A1 B1 C1 A2 B2 …) so that drift of the machine
 * falls on every engine alike.
 */
public final class LoadPlan {

    /** Runs one fork of a row. */
    public interface ForkRunner {
        RowResult run(RowSpec spec, int fork) throws InterruptedException, IOException;
    }

    /** Told after every fork and after every finished group. */
    public interface Listener {
        void forkDone(RowSpec spec, RowResult result);

        void groupDone(List<RowResult> finishedRows) throws IOException;
    }

    private LoadPlan() {
    }

    /** How many forks {@link #run} starts for {@code rows} with {@code forks} full forks per row. */
    public static long forkCount(List<RowSpec> rows, int forks) {
        return rows.stream().mapToLong(r -> forks + (needsPilot(r) ? 1 : 0)).sum();
    }

    public static boolean needsPilot(RowSpec r) {
        return Scenarios.byName(r.scenario()).kind() == Scenario.Kind.FLOW && r.arrivalRate() <= 0
                && !r.loads().isEmpty();
    }

    /**
     * Runs every fork of every row; returns the rows (forks merged) in the order given. An
     * interrupt stops between forks, keeping the finished groups.
     */
    public static List<RowResult> run(List<RowSpec> rows, int forks, ForkRunner runner, Listener listener)
            throws InterruptedException, IOException {
        Map<String, List<RowSpec>> groups = new LinkedHashMap<>();
        for (RowSpec r : rows) {
            groups.computeIfAbsent(r.loadGroup(), k -> new ArrayList<>()).add(r);
        }
        List<RowResult> done = new ArrayList<>();
        for (List<RowSpec> group : groups.values()) {
            List<List<RowResult>> results = new ArrayList<>();
            group.forEach(r -> results.add(new ArrayList<>()));
            List<Double> rates = List.of();
            int first = 0;
            if (needsPilot(group.get(0))) {
                for (int i = 0; i < group.size(); i++) {
                    RowResult pilot = runner.run(group.get(i).withLatencyRates(List.of()), 0);
                    results.get(i).add(pilot);
                    listener.forkDone(group.get(i), pilot);
                }
                rates = rates(group, results);
                first = 1;
            } else if (group.get(0).arrivalRate() > 0) {
                rates = List.of(group.get(0).arrivalRate());
            }
            for (int f = first; f < first + forks; f++) {
                for (int i = 0; i < group.size(); i++) {
                    RowSpec spec = group.get(i).withLatencyRates(rates);
                    RowResult r = runner.run(spec, f);
                    results.get(i).add(r);
                    listener.forkDone(spec, r);
                }
            }
            List<RowResult> merged = results.stream().map(RowMerge::merge).toList();
            done.addAll(merged);
            listener.groupDone(List.copyOf(done));
        }
        return done;
    }

    /**
     * The rows with their common absolute latency rates set, from one throughput-only pilot fork
     * per row that needs one ({@code compare} offers side A's rates to both sides this way); the
     * pilots' results are not kept.
     */
    public static List<RowSpec> withCommonRates(List<RowSpec> rows, ForkRunner pilotRunner)
            throws InterruptedException, IOException {
        Map<String, List<RowSpec>> groups = new LinkedHashMap<>();
        for (RowSpec r : rows) {
            groups.computeIfAbsent(r.loadGroup(), k -> new ArrayList<>()).add(r);
        }
        Map<String, List<Double>> ratesByGroup = new LinkedHashMap<>();
        for (Map.Entry<String, List<RowSpec>> g : groups.entrySet()) {
            List<RowSpec> group = g.getValue();
            List<Double> rates = List.of();
            if (needsPilot(group.get(0))) {
                List<List<RowResult>> pilots = new ArrayList<>();
                for (RowSpec r : group) {
                    pilots.add(List.of(pilotRunner.run(r.withLatencyRates(List.of()), 0)));
                }
                rates = rates(group, pilots);
            } else if (group.get(0).arrivalRate() > 0) {
                rates = List.of(group.get(0).arrivalRate());
            }
            ratesByGroup.put(g.getKey(), rates);
        }
        return rows.stream().map(r -> r.withLatencyRates(ratesByGroup.get(r.loadGroup()))).toList();
    }

    /** {@code load × common saturation} for each load point of the group; empty when nothing saturated validly. */
    private static List<Double> rates(List<RowSpec> group, List<List<RowResult>> pilots) {
        double saturation = commonSaturation(group, pilots);
        return saturation > 0 ? group.get(0).loads().stream().map(l -> l * saturation).toList() : List.of();
    }

    /**
     * The slowest valid throughput among the engines other than {@code sequential}, or
     * {@code sequential}'s when it is the only valid one; 0 when no row is valid.
     */
    static double commonSaturation(List<RowSpec> group, List<List<RowResult>> pilots) {
        double slowest = Double.POSITIVE_INFINITY;
        double sequential = 0;
        for (int i = 0; i < group.size(); i++) {
            double t = saturation(pilots.get(i).get(0));
            if (t <= 0) {
                continue;
            }
            if (group.get(i).engine().equals("sequential")) {
                sequential = t;
            } else {
                slowest = Math.min(slowest, t);
            }
        }
        return Double.isInfinite(slowest) ? sequential : slowest;
    }

    /** A pilot's saturation rate: the median of its valid throughput passes, 0 when invalid. */
    private static double saturation(RowResult pilot) {
        if (pilot.error() != null || pilot.phases().isEmpty()) {
            return 0;
        }
        PhaseResult p = pilot.phases().get(0);
        if (p.invalidReason() != null || p.samples().isEmpty()) {
            return 0;
        }
        return RowRunner.median(p.samples().stream().mapToDouble(IterationSample::throughput).toArray());
    }
}
