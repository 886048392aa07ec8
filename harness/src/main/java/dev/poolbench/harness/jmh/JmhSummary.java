package dev.poolbench.harness.jmh;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The closing tables of a {@code poolbench jmh} run, computed from JMH's results in the same run:
 * each engine's ns/item per pattern next to its raw primitive's and their ratio (the contract's
 * abstraction overhead, target ≤ 1.3× on every pattern), the raw primitives side by side
 * (the Disruptor paper's comparison), the blocking hand-off against Little's law, and the LMAX
 * topologies ({@link TopologyTables}: raw primitives, engines and engine / raw). Every score is the
 * median of the forks ({@link ForkScores}); the hand-off tables give the forks' range next to it. Markdown,
 * so a run's {@code jmh-summary.md} can be pasted as it is. Tables with no rows are left out.
 */
public final class JmhSummary {

    private static final String ENGINE = EngineHandoffBenchmark.class.getSimpleName();
    private static final String RAW = RawHandoffBenchmark.class.getSimpleName();
    private static final String BLOCKING = BlockingHandoffBenchmark.class.getSimpleName();
    private static final List<String> PATTERNS = List.of("pool", "pipeline3", "fanout3", "merge3");

    private JmhSummary() {
    }

    /** The Markdown tables for {@code results} (empty if no hand-off benchmark ran). */
    public static String render(Collection<RunResult> results) {
        Map<String, ForkScores> engine = new LinkedHashMap<>();
        Map<String, ForkScores> raw = new LinkedHashMap<>();
        List<String> blocking = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            Result<?> score = r.getPrimaryResult();
            if (benchmark.contains("." + ENGINE + ".")) {
                engine.put(r.getParams().getParam("engine") + "/" + r.getParams().getParam("pattern"), perFork(r));
            } else if (benchmark.contains("." + RAW + ".")) {
                raw.put(r.getParams().getParam("primitive") + "/" + r.getParams().getParam("pattern"), perFork(r));
            } else if (benchmark.contains("." + BLOCKING + ".")) {
                String e = r.getParams().getParam("engine");
                int p = BlockingHandoffBenchmark.parallelism(e, Integer.parseInt(r.getParams().getParam("platformCap")));
                double bound = p * 1000.0 / BlockingHandoffBenchmark.BLOCK_MS;
                String error = Double.isFinite(score.getScoreError())
                        ? String.format(Locale.ROOT, " ± %,.0f", score.getScoreError()) : "";
                blocking.add(String.format(Locale.ROOT, "| %s | %d | %,.0f%s | %,.0f | %.2f |", e, p,
                        score.getScore(), error, bound, score.getScore() / bound));
            }
        }
        StringBuilder out = new StringBuilder();
        for (TopologyTables.Grid g : TopologyTables.of(results.stream().map(JmhSummary::score).toList())) {
            markdown(out, g);
        }
        if (!engine.isEmpty()) {
            out.append("Hand-off, tiny profile, ns/item (lower is better), median [range] of the forks;"
                    + " overhead = engine / its raw primitive, ratio of the medians [the forks' widest range]"
                    + " (target <= 1.3x); engine / contract = engine / the primitive plus only what the"
                    + " contract makes every engine pay on it (its own plumbing)\n\n");
            out.append("| pattern | engine | engine ns/item | raw primitive | raw ns/item | overhead"
                    + " | contract baseline | contract ns/item | engine / contract |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            handoffRows(engine, raw).forEach(row -> out.append(row).append('\n'));
            out.append('\n');
        }
        if (!raw.isEmpty()) {
            out.append("Raw primitives, same topologies, ns/item, median [range] of the forks\n\n| primitive |");
            PATTERNS.forEach(p -> out.append(' ').append(p).append(" |"));
            out.append('\n').append("|---|").append("---|".repeat(PATTERNS.size())).append('\n');
            for (String prim : raw.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList()) {
                out.append("| ").append(prim).append(" |");
                PATTERNS.forEach(p -> {
                    ForkScores v = raw.get(prim + "/" + p);
                    out.append(' ').append(v == null ? "-" : v.cell()).append(" |");
                });
                out.append('\n');
            }
            out.append('\n');
        }
        if (!blocking.isEmpty()) {
            out.append("Blocking hand-off: ").append(BlockingHandoffBenchmark.ITEMS).append(" items × ")
                    .append(BlockingHandoffBenchmark.BLOCK_MS).append(" ms, items/s against Little's law"
                            + " (parallelism / blocking time)\n\n");
            out.append("| engine | parallelism | items/s | Little's law bound | share of bound |\n|---|---|---|---|---|\n");
            blocking.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    /**
     * The hand-off overhead table's rows, pattern by pattern: each engine's ns/item, its raw
     * baseline's ({@link RawHandoff#baselineOf}) and its contract baseline's
     * ({@link RawHandoff#contractBaselineOf}) with the ratios; "-" where a baseline is none or did
     * not run.
     *
     * @param engine per {@code engine/pattern}, the engine's forks
     * @param raw    per {@code primitive/pattern}, the raw primitive's forks
     */
    static List<String> handoffRows(Map<String, ForkScores> engine, Map<String, ForkScores> raw) {
        List<String> engines = engine.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList();
        List<String> rows = new ArrayList<>();
        for (String p : PATTERNS) {
            for (String e : engines) {
                ForkScores s = engine.get(e + "/" + p);
                if (s == null) {
                    continue;
                }
                StringBuilder row = new StringBuilder("| ").append(p).append(" | ").append(e).append(" | ")
                        .append(s.cell()).append(" | ");
                for (String base : new String[]{RawHandoff.baselineOf(e), RawHandoff.contractBaselineOf(e)}) {
                    ForkScores b = base == null ? null : raw.get(base + "/" + p);
                    row.append(base == null ? "-" : base).append(" | ").append(b == null ? "-" : b.cell())
                            .append(" | ").append(b == null ? "-" : s.ratioTo(b)).append(" | ");
                }
                rows.add(row.toString().stripTrailing());
            }
        }
        return rows;
    }

    /** The primary score of each fork of {@code r}: the forks are the samples. */
    static ForkScores perFork(RunResult r) {
        return ForkScores.of(r.getBenchmarkResults().stream()
                .mapToDouble(b -> b.getPrimaryResult().getScore()).toArray());
    }

    private static TopologyTables.Score score(RunResult r) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String key : r.getParams().getParamsKeys()) {
            params.put(key, r.getParams().getParam(key));
        }
        ForkScores f = perFork(r);
        return new TopologyTables.Score(r.getParams().getBenchmark(), params, f.median(), f.min(), f.max());
    }

    private static void markdown(StringBuilder out, TopologyTables.Grid g) {
        out.append(g.title()).append("\n\n|");
        g.header().forEach(h -> out.append(' ').append(h).append(" |"));
        out.append("\n|").append("---|".repeat(g.header().size())).append('\n');
        for (List<String> row : g.rows()) {
            out.append('|');
            row.forEach(c -> out.append(' ').append(c).append(" |"));
            out.append('\n');
        }
        out.append('\n');
    }
}
