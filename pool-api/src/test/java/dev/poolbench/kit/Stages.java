package dev.poolbench.kit;

import dev.poolbench.api.StageSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Lean stage functions for runs where {@link Workload}'s per-item bookkeeping would cost more
 * than the engine (the volume test): one function of (stage index, job) for every stage.
 */
public final class Stages {

    @FunctionalInterface
    public interface Body {
        Job apply(int stage, Job job) throws Exception;
    }

    private final int count;
    private final Body body;

    public Stages(int count, Body body) {
        this.count = count;
        this.body = body;
    }

    /** Specs with the topology's names, parallelism, buffers and blocking flag. */
    public List<StageSpec<Job, Job>> specs(Topology t) {
        if (t.stages().size() != count) {
            throw new IllegalArgumentException(count + " stage functions for " + t);
        }
        List<StageSpec<Job, Job>> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int stage = i;
            StagePlan p = t.stages().get(i);
            specs.add(new StageSpec<Job, Job>(p.name(), (job, ctx) -> body.apply(stage, job), p.parallelism(),
                    p.buffer(), t.blocking()));
        }
        return specs;
    }
}
