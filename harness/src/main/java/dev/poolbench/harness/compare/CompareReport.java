package dev.poolbench.harness.compare;

import dev.poolbench.harness.measure.ResultsWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a comparison: Markdown for stdout (a PR comment or {@code $GITHUB_STEP_SUMMARY}) and
 * {@code compare.csv} (columns documented in results/README.md).
 *
 * @param title     first heading, e.g. "A/B, 10 rounds"
 * @param preamble  Markdown lines describing the inputs or the sides
 * @param warnings  manifest differences and other caveats
 * @param noise     the A/A noise floor (only with --aa), else empty
 */
public record CompareReport(String title, List<String> preamble, List<String> warnings, List<Comparison> comparisons,
                            Thresholds thresholds, List<NoiseFloor> noise, int exitCode, boolean failOnInconclusive) {

    /** The compare.csv columns. */
    public static final String[] COLUMNS = {"row", "metric", "unit", "better", "gating", "threshold", "n_a", "n_b",
            "median_a", "median_b", "ratio", "ci_low", "ci_high", "p_value", "verdict", "note"};

    public void markdown(PrintWriter out) {
        out.println("## poolbench compare: " + title);
        out.println();
        preamble.forEach(out::println);
        if (!preamble.isEmpty()) {
            out.println();
        }
        Map<Verdict, Integer> tally = Comparer.tally(comparisons);
        String overall = exitCode == 4 ? "INVALID" : exitCode == 3 ? "REGRESSED"
                : tally.get(Verdict.INCONCLUSIVE) > 0 ? "no regression found (some inconclusive)" : "no regression";
        out.println("**Verdict: " + overall + "** (exit " + exitCode + ") — gating: " + tally.get(Verdict.REGRESSED)
                + " regressed, " + tally.get(Verdict.IMPROVED) + " improved, " + tally.get(Verdict.UNCHANGED)
                + " unchanged, " + tally.get(Verdict.INCONCLUSIVE) + " inconclusive"
                + (failOnInconclusive ? " (inconclusive fails: --fail-on-inconclusive)" : "") + ", "
                + tally.get(Verdict.INVALID) + " invalid.");
        out.println();
        for (String w : warnings) {
            out.println("> ⚠ " + w);
        }
        if (!warnings.isEmpty()) {
            out.println();
        }
        out.println("| row | metric | A | B | B/A | 95 % CI | p | threshold | verdict |");
        out.println("|---|---|--:|--:|--:|---|--:|--:|---|");
        for (Comparison c : comparisons) {
            if (c.metric() == null) {
                out.println("| " + cell(c.label()) + " | – | – | – | – | – | – | – | **invalid**: " + cell(c.note()) + " |");
                continue;
            }
            String verdict = c.verdict() == Verdict.REGRESSED && c.gating() ? "**regressed**"
                    : c.verdict() == Verdict.IMPROVED ? "*improved*" : c.verdict().word();
            if (!c.gating()) {
                verdict += " (info)";
            }
            if (!c.note().isEmpty() && c.gating()) {
                verdict += " — " + c.note();
            }
            out.println("| " + cell(c.label()) + " | " + c.metric().label() + " | " + fmt(c.medianA()) + " | "
                    + fmt(c.medianB()) + " | " + ratio(c.ratio()) + " | "
                    + (c.ci() == null ? "–" : ratio(c.ci().low()) + " – " + ratio(c.ci().high())) + " | "
                    + pValue(c.p()) + " | " + (c.metric().biggerIsBetter() ? "−" : "+") + pct(c.threshold()) + " | "
                    + verdict + " |");
        }
        out.println();
        if (!noise.isEmpty()) {
            out.println("### Noise floor (A against itself)");
            out.println();
            out.println("| metric | rows | widest 95 % CI excursion from 1 | single-round B/A range | threshold now"
                    + " | suggested threshold |");
            out.println("|---|--:|--:|---|--:|--:|");
            for (NoiseFloor n : noise) {
                out.println("| " + n.metric().label() + " | " + n.rows() + " | ±" + pct1(n.ciExcursion()) + " | "
                        + ratio(n.roundLow()) + " – " + ratio(n.roundHigh()) + " | " + pct(n.current()) + " | "
                        + pct(n.suggested()) + (thresholds.gating(n.metric()) ? "" : " (not gating here)") + " |");
            }
            out.println();
            out.println("Suggested threshold = twice the widest CI excursion, rounded up to a whole percent (at least"
                    + " 2 %): an unchanged build then fits inside ±threshold, and a regression must clear the noise"
                    + " twice over.");
            out.println();
        }
        out.println("A and B: medians of the samples (A/B: one value per fork and round — median of its iterations for"
                + " throughput and CPU/item, its latency phase's p99/p99.9/max; baseline: one per iteration)."
                + " Thresholds: throughput −" + pct(thresholds.throughput()) + ", p99 +" + pct(thresholds.p99())
                + ", CPU/item +" + pct(thresholds.cpu()) + ", p99.9/max +" + pct(thresholds.tail())
                + (thresholds.cores() < Thresholds.TAIL_GATING_CORES ? " (informational: " + thresholds.cores()
                + " cores < " + Thresholds.TAIL_GATING_CORES + ")" : "") + ", α = " + thresholds.alpha() + ".");
        out.println();
        out.println("Verdict rule: " + VerdictRule.legend()
                + " Only gating regressions fail (exit 3)" + (failOnInconclusive ? ", and inconclusive ones too" : "")
                + "; invalid rows exit 4.");
        out.flush();
    }

    public void csv(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(COLUMNS).setRecordSeparator('\n').get().print(w)) {
            for (Comparison c : comparisons) {
                List<Object> r = new ArrayList<>();
                r.add(c.label());
                if (c.metric() == null) {
                    r.addAll(List.of("", "", "", "true", "", "", "", "", "", "", "", "", "", c.verdict().word(), c.note()));
                } else {
                    r.addAll(List.of(c.metric().name(), c.metric().unit(), c.metric().biggerIsBetter() ? "higher" : "lower",
                            c.gating(), num(c.threshold()), c.nA(), c.nB(), num(c.medianA()), num(c.medianB()),
                            num6(c.ratio()), c.ci() == null ? "" : num6(c.ci().low()),
                            c.ci() == null ? "" : num6(c.ci().high()), num6(c.p()), c.verdict().word(), c.note()));
                }
                csv.printRecord(r);
            }
        }
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "–";
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.0f %%", f * 100);
    }

    private static String pct1(double f) {
        return String.format(Locale.ROOT, "%.1f %%", f * 100);
    }

    private static String num(double v) {
        return ResultsWriter.num(v);
    }

    private static String num6(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
