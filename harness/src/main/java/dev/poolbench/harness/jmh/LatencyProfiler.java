package dev.poolbench.harness.jmh;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

import java.util.Collection;
import java.util.List;

/**
 * {@code -prof dev.poolbench.harness.jmh.LatencyProfiler}: per-item hand-off latency of the
 * benchmarks that record it ({@link HandoffLatency}), as JMH secondary results
 * {@code lat.p50}, {@code lat.p99}, {@code lat.p999} in <b>microseconds</b> (HdrHistogram, 3
 * significant digits). Each iteration's result carries its histogram ({@link PercentileResult}), and
 * JMH's aggregation across iterations and forks merges the histograms, so a row's percentile is
 * the percentile of all its items, not an average of per-iteration percentiles.
 *
 * <p>The latency is measured from the moment the item was submitted, in a batch submitted as fast
 * as backpressure allows: it includes the time the item waited behind the batch's earlier items
 * (closed loop), so it is the hand-off's queueing latency under a burst, not an open-loop figure.
 * Benchmarks that record nothing (the route stages) get no {@code lat.*} results.
 */
public final class LatencyProfiler implements InternalProfiler {

    @Override
    public String getDescription() {
        return "HdrHistogram per-item hand-off latency: lat.p50, lat.p99, lat.p999 (us)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        HandoffLatency.start();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        Histogram h = HandoffLatency.stop();
        if (h.getTotalCount() == 0) {
            return List.of();
        }
        return List.of(
                percentile("lat.p50", h, 50.0),
                percentile("lat.p99", h, 99.0),
                percentile("lat.p999", h, 99.9));
    }

    private static PercentileResult percentile(String label, Histogram h, double p) {
        return new PercentileResult(label, p, h);
    }
}
