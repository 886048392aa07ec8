package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.StageSpec;
import dev.poolbench.harness.workload.RouteWorkload;
import dev.poolbench.harness.workload.WorkloadRunner;

import java.util.List;

/**
 * The route pipeline, KEYED on (vrf, prefix) so that updates to one prefix install in order;
 * every stage has parallelism p and its own buffer. Checked by RIB digest.
 * <pre>
 *  producer ─► [buf] parse ─► [buf] validate ─► [buf] resolve ─► [buf] install ─► sink
 *               (p)            (p)               (p)               (p)
 * </pre>
 */
final class FourStageRoutePipeline extends Scenario {

    @Override
    public String name() {
        return "FourStageRoutePipeline";
    }

    @Override
    public String description() {
        return "parse -> validate -> resolve -> install, each stage p workers, keyed on (vrf, prefix)";
    }

    @Override
    public PatternKind pattern() {
        return PatternKind.PIPELINE;
    }

    @Override
    public WorkloadRunner.Shape oracleShape() {
        return WorkloadRunner.Shape.PIPELINE;
    }

    @Override
    Started start(Engine engine, RouteWorkload workload, int parallelism, int buffer, PatternOptions options,
                  LatencyRecorder sink) {
        List<StageSpec<?, ?>> stages = workload.stages(parallelism, buffer).stream()
                .<StageSpec<?, ?>>map(TimedStage::wrap).toList();
        var running = engine.pipeline(new Pipeline<Timed, Timed>(stages, options), sink);
        return new Started(List.of(running), running);
    }
}
