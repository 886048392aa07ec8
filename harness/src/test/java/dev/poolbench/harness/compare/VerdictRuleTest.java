package dev.poolbench.harness.compare;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The verdict rule as a table: direction × median ratio × CI × p × sample count → verdict (threshold 10 %, α 0.01). */
class VerdictRuleTest {

    @ParameterizedTest(name = "bigger={0} n={1} m={2} ci=[{3},{4}] p={5} -> {6}")
    @CsvSource({
            // bigger is better (throughput), threshold 0.10 → regression bound 0.90
            "true, 10, 0.80, 0.78, 0.83, 0.0001, REGRESSED",    // whole CI beyond the bound
            "true, 10, 0.80, 0.70, 0.95, 0.0001, REGRESSED",    // median beyond, significant, CI excludes 1
            "true, 10, 0.80, 0.70, 1.02, 0.0001, INCONCLUSIVE", // CI includes 1
            "true, 10, 0.80, 0.70, 0.95, 0.20,   INCONCLUSIVE", // not significant, CI crosses the bound
            "true, 10, 0.84, 0.82, 0.86, 0.50,   REGRESSED",    // whole CI beyond the bound suffices
            "true, 10, 0.95, 0.93, 0.97, 0.0001, UNCHANGED",    // a real but small change: within ±10 %
            "true, 10, 1.00, 0.98, 1.02, 0.90,   UNCHANGED",
            "true, 10, 1.00, 0.85, 1.15, 0.90,   INCONCLUSIVE", // too noisy to say
            "true, 10, 1.25, 1.20, 1.30, 0.0001, IMPROVED",
            "true, 10, 1.25, 1.05, 1.40, 0.0001, IMPROVED",
            "true, 4,  0.50, 0.45, 0.55, 0.0001, INCONCLUSIVE", // too few samples
            "true, 2,  1.00, 1.00, 1.00, 1.0,    INCONCLUSIVE",
            // smaller is better (p99, CPU/item), threshold 0.10 → regression bound 1.10
            "false, 10, 1.30, 1.25, 1.35, 0.0001, REGRESSED",
            "false, 10, 1.30, 1.05, 1.50, 0.0001, REGRESSED",
            "false, 10, 1.30, 0.95, 1.50, 0.0001, INCONCLUSIVE",
            "false, 10, 0.70, 0.65, 0.75, 0.0001, IMPROVED",
            "false, 10, 1.05, 1.02, 1.08, 0.0001, UNCHANGED",
            "false, 10, 1.12, 1.02, 1.20, 0.05,   INCONCLUSIVE",
    })
    void decides(boolean bigger, int n, double m, double lo, double hi, double p, Verdict expected) {
        assertThat(VerdictRule.decide(bigger, 0.10, 0.01, n, n, m, new Statistics.Interval(lo, hi), p))
                .isEqualTo(expected);
    }
}
