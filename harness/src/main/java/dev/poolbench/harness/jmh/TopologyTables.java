package dev.poolbench.harness.jmh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The topology tables of a JMH run, for {@code jmh-summary.md} ({@link JmhSummary}) and the
 * report's JMH section alike: {@link RawTopologyBenchmark}'s ops/s as topology × primitive, and
 * {@link EngineTopologyBenchmark}'s ops/s per topology and engine beside its raw primitive's, with
 * engine / raw as a cost ratio (raw ops/s ÷ engine ops/s, the time per item of the engine over
 * the primitive's: 1.30x means the contract adds 30 %), with the forks' widest range where the
 * scores carry one; and the same ratio against the primitive plus only the contract's own costs
 * ({@link TopologyEngine#contractBaseline}), which leaves the engine's plumbing.
 */
public final class TopologyTables {

    private static final String RAW = "." + RawTopologyBenchmark.class.getSimpleName() + ".";
    private static final String ENGINE = "." + EngineTopologyBenchmark.class.getSimpleName() + ".";

    /**
     * One JMH primary score: the benchmark's full name, its parameters, the score (the median of
     * the forks where they are known) and the lowest and highest fork's score.
     */
    public record Score(String benchmark, Map<String, String> params, double score, double low, double high) {
        /** A score known only as one figure (no fork range). */
        public Score(String benchmark, Map<String, String> params, double score) {
            this(benchmark, params, score, score, score);
        }
    }

    /** A table: title, header and rows of text cells. */
    public record Grid(String title, List<String> header, List<List<String>> rows) {
    }

    private TopologyTables() {
    }

    /** The tables that have rows (none if no topology benchmark ran). */
    public static List<Grid> of(Collection<Score> scores) {
        Map<String, Score> raw = new LinkedHashMap<>();
        Map<String, Score> engine = new LinkedHashMap<>();
        for (Score s : scores) {
            String topology = s.params().get("topology");
            if (s.benchmark().contains(RAW)) {
                raw.put(topology + "/" + s.params().get("primitive"), s);
            } else if (s.benchmark().contains(ENGINE)) {
                engine.put(topology + "/" + s.params().get("engine"), s);
            }
        }
        List<Grid> grids = new ArrayList<>();
        if (!raw.isEmpty()) {
            grids.add(rawGrid(raw));
        }
        if (!engine.isEmpty()) {
            grids.add(engineGrid(engine, raw));
        }
        return grids;
    }

    private static Grid rawGrid(Map<String, Score> raw) {
        List<String> primitives = new ArrayList<>();
        for (String p : RawTopologies.PRIMITIVES) {
            if (raw.keySet().stream().anyMatch(k -> k.endsWith("/" + p))) {
                primitives.add(p);
            }
        }
        List<String> header = new ArrayList<>(List.of("topology", "threads"));
        header.addAll(primitives);
        List<List<String>> rows = new ArrayList<>();
        for (Topology t : Topology.values()) {
            if (raw.keySet().stream().noneMatch(k -> k.startsWith(t.paramName() + "/"))) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(t.paramName(), Integer.toString(t.threads())));
            primitives.forEach(p -> row.add(opsPerSecond(raw.get(t.paramName() + "/" + p))));
            rows.add(row);
        }
        return new Grid("Raw primitives in the LMAX perftest topologies, items/s (higher is better)", header, rows);
    }

    private static Grid engineGrid(Map<String, Score> engine, Map<String, Score> raw) {
        List<List<String>> rows = new ArrayList<>();
        for (Topology t : Topology.values()) {
            for (TopologyEngine e : TopologyEngine.ALL) {
                Score s = engine.get(t.paramName() + "/" + e.param());
                if (s == null) {
                    continue;
                }
                Score b = e.rawBaseline() == null ? null : raw.get(t.paramName() + "/" + e.rawBaseline());
                Score c = e.contractBaseline() == null ? null : raw.get(t.paramName() + "/" + e.contractBaseline());
                rows.add(List.of(t.paramName(), e.param(), opsPerSecond(s), e.rawBaseline() == null ? "-" : e.rawBaseline(),
                        opsPerSecond(b), b == null ? "-" : cost(s, b),
                        c == null ? "-" : e.contractBaseline(), opsPerSecond(c), c == null ? "-" : cost(s, c)));
            }
        }
        return new Grid("Engines in the same topologies, items/s; engine / raw = raw items/s ÷ engine items/s"
                + " (time per item, target <= 1.3x); engine / contract = the same against the primitive"
                + " plus only what the contract makes every engine pay (virtualNamed: a name per thread;"
                + " disruptor…Fenced: the producer's fenced announcement per item; forkjoinStaged: a bound per stage)",
                List.of("topology", "engine", "engine items/s", "raw primitive", "raw items/s", "engine / raw",
                        "contract baseline", "contract items/s", "engine / contract"), rows);
    }

    private static String opsPerSecond(Score v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.0f", v.score());
    }

    /** raw ÷ engine items/s, with the widest range the forks give when their scores are known. */
    private static String cost(Score engine, Score raw) {
        String r = String.format(Locale.ROOT, "%.2fx", raw.score() / engine.score());
        if (engine.low() == engine.high() && raw.low() == raw.high()) {
            return r;
        }
        return r + String.format(Locale.ROOT, " [%.2f–%.2f]", raw.low() / engine.high(), raw.high() / engine.low());
    }
}
