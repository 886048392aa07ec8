package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Sink;
import dev.poolbench.harness.workload.RouteWorkload;

import java.util.List;

/**
 * Fan-out/fan-in with a combiner, the seed's "split work, then combine results": each route goes
 * to one of n workers by key (KEYED), each worker folds its outputs into a partial (per-VRF
 * counts, output digest, latency histograms), and the partials are combined into one aggregate
 * at close. Checked by RIB digest, and the aggregate's count against the instance's outputs.
 * <pre>
 *             ┌─► [buf] worker 1 ─ partial ─┐
 *  producer ──┼─► [buf] worker 2 ─ partial ─┼─► combine ─► sink (one aggregate)
 *             └─► [buf] worker n ─ partial ─┘
 * </pre>
 */
final class FanOutFanInCombiner extends Scenario {

    @Override
    public String name() {
        return "FanOutFanInCombiner";
    }

    @Override
    public String description() {
        return "1 producer -> n keyed workers with own buffers, partials (per-VRF counts, digest) combined at fan-in";
    }

    @Override
    public PatternKind pattern() {
        return PatternKind.FAN_OUT;
    }

    @Override
    Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                  LatencyRecorder sink) {
        Sink<FanOutFanInTotals> aggregateSink = totals -> {
            if (totals.perVrfTotal() != totals.count) {
                throw new IllegalStateException("fan-in aggregate: per-VRF counts sum to " + totals.perVrfTotal()
                        + ", count is " + totals.count);
            }
            sink.absorb(totals.latency, totals.service, totals.count);
        };
        var running = engine.fanOut(FanOut.of(TimedStage.wrap(workload.fused(parallelism, buffer)), options),
                FanOutFanInTotals.combiner(workload), aggregateSink);
        return new Started(List.of(running), running);
    }
}
