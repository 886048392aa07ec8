package dev.poolbench.harness.compare;

import dev.poolbench.harness.measure.IterationSample;
import dev.poolbench.harness.measure.LoadPlan;
import dev.poolbench.harness.measure.PhaseResult;
import dev.poolbench.harness.measure.RowResult;
import dev.poolbench.harness.measure.RowSpec;
import dev.poolbench.harness.measure.Rows;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The A/B measurement: {@code rounds} rounds; in each, every row runs one fork of A and one fork
 * of B back to back, A first in even rounds and B first in odd ones (ABBA…), so that drift of the
 * machine (other load, heat, page cache) within a round and any first-or-second effect fall on
 * both sides equally. Each fork gives one value per metric: the median of its iterations for
 * throughput and CPU/item; the p99, p99.9 and max of its latency phase's merged histogram (every
 * latency phase, each load point its own row).
 */
public final class AbRun {

    /** Told after every fork; {@code done} counts forks finished so far. */
    public interface Listener {
        void forkDone(int round, Side side, RowResult result, int done, int total);

        /** After every round, with what both sides measured so far (for writing the folders). */
        default void roundDone(int round, List<RowResult> a, List<RowResult> b) throws IOException {
        }
    }

    private final List<RowSpec> rows;
    private final int rounds;
    private final Side a;
    private final Side b;
    /** [side][row] → the forks of every round so far. */
    private final List<List<List<RowResult>>> forks = new ArrayList<>();

    public AbRun(List<RowSpec> rows, int rounds, Side a, Side b) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds " + rounds + ": expected an integer >= 1");
        }
        this.rows = List.copyOf(rows);
        this.rounds = rounds;
        this.a = a;
        this.b = b;
        for (int s = 0; s < 2; s++) {
            List<List<RowResult>> perRow = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                perRow.add(new ArrayList<>());
            }
            forks.add(perRow);
        }
    }

    /** Runs every round; an interrupt ends it between forks with InterruptedException, keeping what finished. */
    public void run(Listener listener) throws InterruptedException, IOException {
        // both sides are offered side A's rates: one throughput-only pilot fork of A per row sets them
        List<RowSpec> rows = LoadPlan.withCommonRates(this.rows, (spec, fork) -> {
            Path work = Files.createTempDirectory("poolbench-compare-");
            try {
                return a.launcher().run(spec, -1, work);
            } finally {
                deleteTree(work);
            }
        });
        int total = rounds * rows.size() * 2;
        int done = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < rows.size(); i++) {
                int first = r % 2; // 0: A first, 1: B first
                for (int k = 0; k < 2; k++) {
                    int s = (first + k) % 2;
                    Side side = s == 0 ? a : b;
                    Path work = Files.createTempDirectory("poolbench-compare-");
                    RowResult result;
                    try {
                        result = side.launcher().run(rows.get(i), r, work);
                    } finally {
                        deleteTree(work);
                    }
                    forks.get(s).get(i).add(result);
                    listener.forkDone(r, side, result, ++done, total);
                }
            }
            listener.roundDone(r, merged(0), merged(1));
        }
    }

    /** Side 0 (A) or 1 (B): every row with its forks merged (for a result folder). */
    public List<RowResult> merged(int side) {
        List<RowResult> out = new ArrayList<>();
        for (List<RowResult> fs : forks.get(side)) {
            if (!fs.isEmpty()) {
                out.add(Rows.merge(fs));
            }
        }
        return out;
    }

    /** The samples of side 0 (A) or 1 (B): one value per round and metric, rows keyed as in samples.csv. */
    public SampleSet samples(int side) {
        List<RowSamples> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            List<RowResult> mine = forks.get(side).get(i);
            List<RowResult> theirs = forks.get(1 - side).get(i);
            if (mine.isEmpty()) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            Stream.concat(mine.stream(), theirs.stream()).forEach(f -> f.phases().forEach(p -> labels.add(p.label())));
            RowResult any = Stream.concat(mine.stream(), theirs.stream()).filter(f -> !f.phases().isEmpty())
                    .findFirst().orElse(mine.get(0));
            if (labels.isEmpty()) {
                labels.add("throughput"); // every fork of the row failed on both sides
            }
            for (String label : labels) {
                out.add(phaseSamples(any, label, mine));
            }
        }
        return SampleSet.of(side == 0 ? "A" : "B", out, Map.of());
    }

    private static RowSamples phaseSamples(RowResult shape, String label, List<RowResult> forks) {
        RowSpec s = shape.spec();
        PhaseResult ph = shape.phases().stream().filter(p -> p.label().equals(label)).findFirst().orElse(null);
        String mode = ph == null ? "throughput" : ph.mode();
        String load = ph == null ? "" : RowLabels.load(ph.load());
        String par = Integer.toString(shape.phases().isEmpty() ? s.parallelism() : shape.parallelism());
        String buf = Integer.toString(shape.phases().isEmpty() ? s.buffer() : shape.buffer());
        String key = RowLabels.key(s.engine(), s.scenario(), s.profile(), par, buf, s.engineOptionsKey(), mode, load);
        String text = RowLabels.label(s.engine(), s.scenario(), s.profile(), par, buf, s.engineOptionsKey(), mode, load);
        String invalid = null;
        Map<Metric, double[]> values = new LinkedHashMap<>();
        List<Metric> metrics = RowLabels.metricsOf(mode);
        for (Metric m : metrics) {
            values.put(m, new double[forks.size()]);
        }
        for (int r = 0; r < forks.size(); r++) {
            RowResult f = forks.get(r);
            PhaseResult p = f.phases().stream().filter(q -> q.label().equals(label)).findFirst().orElse(null);
            if (invalid == null) {
                if (f.error() != null) {
                    invalid = "round " + (r + 1) + ": " + f.error();
                } else if (p == null || p.samples().isEmpty()) {
                    invalid = "round " + (r + 1) + ": phase " + label + " not measured";
                } else if (p.invalidReason() != null) {
                    invalid = "round " + (r + 1) + ": " + p.invalidReason();
                }
            }
            for (Metric m : metrics) {
                values.get(m)[r] = p == null || p.samples().isEmpty() ? Double.NaN : value(p, m);
            }
        }
        return new RowSamples(key, text, values, invalid);
    }

    /** One fork's value of {@code m} in phase {@code p}. */
    static double value(PhaseResult p, Metric m) {
        if (m == Metric.THROUGHPUT) {
            return Statistics.median(p.samples().stream().mapToDouble(IterationSample::throughput).toArray());
        }
        if (m == Metric.CPU) {
            return Statistics.median(p.samples().stream().mapToDouble(IterationSample::cpuNsPerItem).toArray());
        }
        Histogram h = p.latency();
        if (h.getTotalCount() == 0) {
            return Double.NaN;
        }
        long ns = m == Metric.P99 ? h.getValueAtPercentile(99) : m == Metric.P999 ? h.getValueAtPercentile(99.9)
                : h.getMaxValue();
        return ns / 1000.0;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
