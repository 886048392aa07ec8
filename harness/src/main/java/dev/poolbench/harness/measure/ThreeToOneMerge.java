package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.harness.workload.RouteWorkload;

/**
 * Merge of three producers into one sink (the seed's fanIn): each producer owns a disjoint key
 * range, its own buffer and p workers running the fused route stage; KEYED, checked by RIB
 * digest.
 * <pre>
 *  producer 1 ─► [buf] ─► route (p) ─┐
 *  producer 2 ─► [buf] ─► route (p) ─┼─► sink
 *  producer 3 ─► [buf] ─► route (p) ─┘
 * </pre>
 */
final class ThreeToOneMerge extends Scenario {

    @Override
    public String name() {
        return "ThreeToOneMerge";
    }

    @Override
    public String description() {
        return "3 producers (disjoint keys), each with its own buffer and p workers, merged into one sink";
    }

    @Override
    public PatternKind pattern() {
        return PatternKind.MERGE;
    }

    @Override
    public int producers() {
        return 3;
    }

    @Override
    Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                  LatencyRecorder sink) {
        var running = engine.merge(Merge.of(3, TimedStage.wrap(workload.fused(parallelism, buffer)), options), sink);
        return new Started(running.inputs(), running);
    }
}
