package dev.poolbench.harness.report;

import java.util.List;

/**
 * The recommendation for one workload: the winning configuration by throughput, by p99 and by
 * CPU per item (each with its margin over the best configuration of another engine and whether
 * the difference is significant), and the Pareto set: the valid configurations that no other
 * valid configuration beats on all three figures.
 *
 * @param latencyPhase the latency phase p99 is ranked at (e.g. latency@0.50), or null when the
 *                     workload has none (p99 is then read from the primary row)
 * @param notes        plain-word caveats (no valid configuration, invalid ones left out, …)
 */
public record Recommendation(Workload workload, String latencyPhase, String latencyWords, List<Verdict> verdicts,
                             List<ConfigResult> pareto, List<String> notes) {

    /**
     * One ranking's outcome.
     *
     * @param runnerUp null when only one configuration has this figure
     * @param margin   ratio of the two values, ≥ 1 (winner/runner-up for throughput, the
     *                 inverse for the lower-is-better figures); NaN without a runner-up
     */
    public record Verdict(Metric metric, ConfigResult winner, double winnerValue, ConfigResult runnerUp,
                          double runnerUpValue, double margin, Significance significance, String sentence) {
    }
}
