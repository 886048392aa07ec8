package dev.poolbench.kit;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Merge;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.api.support.TrackingThreadFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * A pattern the kit builds: its shape, its stages (one unless a pipeline), the number of merge
 * sources, whether the stages declare blocking, and the pattern options (the thread factory is
 * always replaced by a {@link TrackingThreadFactory} when started, for the leak check).
 */
public record Topology(Shape shape, List<StagePlan> stages, int sources, boolean blocking, PatternOptions options) {

    public Topology {
        stages = List.copyOf(stages);
        if (shape != Shape.PIPELINE && stages.size() != 1) {
            throw new IllegalArgumentException(shape + " has exactly one stage");
        }
        if (shape != Shape.MERGE && sources != 1) {
            throw new IllegalArgumentException(shape + " has exactly one source");
        }
    }

    /** The kit's default topology of each shape: small parallelism and buffers, several lanes. */
    public static Topology standard(Shape shape, Ordering ordering, ErrorPolicy errors) {
        PatternOptions options = PatternOptions.builder().ordering(ordering).errors(errors).build();
        return switch (shape) {
            case POOL -> new Topology(shape, List.of(new StagePlan("work", 3, 4)), 1, false, options);
            case PIPELINE -> new Topology(shape, List.of(new StagePlan("parse", 2, 2), new StagePlan("check", 1, 3),
                    new StagePlan("store", 3, 1)), 1, false, options);
            case FAN_OUT -> new Topology(shape, List.of(new StagePlan("split", 3, 2)), 1, false, options);
            case MERGE -> new Topology(shape, List.of(new StagePlan("merge", 2, 2)), 3, false, options);
        };
    }

    public Topology withOptions(PatternOptions options) {
        return new Topology(shape, stages, sources, blocking, options);
    }

    public Topology withBlocking() {
        return new Topology(shape, stages, sources, true, options);
    }

    public Topology withStages(List<StagePlan> stages) {
        return new Topology(shape, stages, sources, blocking, options);
    }

    public Ordering ordering() {
        return options.ordering();
    }

    public boolean keyed() {
        return options.ordering() instanceof Ordering.Keyed;
    }

    /** Names of the stages, by index. */
    public List<String> stageNames() {
        return stages.stream().map(StagePlan::name).toList();
    }

    /** Max concurrent executions of stage {@code i} the options allow (all lanes together). */
    public int concurrencyLimit(int i) {
        StagePlan s = stages.get(i);
        return shape == Shape.MERGE ? s.parallelism() * sources : s.parallelism();
    }

    /** How many entries {@link PatternStats#effectiveBuffers()} has: one per stage or lane. */
    public int lanes() {
        return switch (shape) {
            case POOL, PIPELINE -> stages.size();
            case FAN_OUT -> stages.get(0).parallelism();
            case MERGE -> sources;
        };
    }

    /** The buffer requested in front of each lane, in the order of {@link #lanes()}. */
    public List<Integer> requestedBuffers() {
        List<Integer> b = new ArrayList<>();
        switch (shape) {
            case POOL, PIPELINE -> stages.forEach(s -> b.add(s.buffer()));
            default -> {
                for (int i = 0; i < lanes(); i++) {
                    b.add(stages.get(0).buffer());
                }
            }
        }
        return b;
    }

    /** Σ parallelism over every stage and lane. */
    public int totalParallelism() {
        int sum = 0;
        for (int i = 0; i < stages.size(); i++) {
            sum += concurrencyLimit(i);
        }
        return sum;
    }

    /** Σ requested buffers + Σ parallelism: the bound as the caller asked for it, before any rounding. */
    public long requestedBound() {
        return requestedBuffers().stream().mapToLong(Integer::longValue).sum() + totalParallelism();
    }

    /** Guarantee 3: Σ effective buffers + Σ parallelism. */
    public long bound(PatternStats stats) {
        return stats.effectiveBuffers().stream().mapToLong(Integer::longValue).sum() + totalParallelism();
    }

    /** Builds and starts the pattern on {@code engine}, with a fresh tracking thread factory. */
    public Started start(Engine engine, Workload workload, Sink<? super Job> sink) {
        return startWith(engine, specs(workload), sink);
    }

    /** Builds and starts the pattern with these stage specs (one per stage of the topology). */
    public Started startWith(Engine engine, List<StageSpec<Job, Job>> specs, Sink<? super Job> sink) {
        TrackingThreadFactory tracker = tracker(engine);
        PatternOptions o = options.toBuilder().threadFactory(tracker).build();
        return switch (shape) {
            case POOL -> new Started(this, tracker, engine.workerPool(WorkerPool.of(specs.get(0), o), sink), null);
            case PIPELINE -> new Started(this, tracker,
                    engine.pipeline(new Pipeline<Job, Job>(new ArrayList<>(specs), o), sink), null);
            case FAN_OUT -> new Started(this, tracker, engine.fanOut(FanOut.of(specs.get(0), o), sink), null);
            case MERGE -> {
                RunningMerge<Job> merge = engine.merge(Merge.of(sources, specs.get(0), o), sink);
                yield new Started(this, tracker, null, merge);
            }
        };
    }

    /** Builds and starts a fan-out with a combiner (only for {@link Shape#FAN_OUT}). */
    public <A> Started startCombined(Engine engine, Workload workload, Combiner<? super Job, A> combiner,
                                     Sink<? super A> sink) {
        if (shape != Shape.FAN_OUT) {
            throw new IllegalStateException("a combiner needs a fan-out, not " + shape);
        }
        TrackingThreadFactory tracker = tracker(engine);
        PatternOptions o = options.toBuilder().threadFactory(tracker).build();
        Running<Job> running = engine.fanOut(FanOut.of(specs(workload).get(0), o), combiner, sink);
        return new Started(this, tracker, running, null);
    }

    private TrackingThreadFactory tracker(Engine engine) {
        return new TrackingThreadFactory(engine.defaultThreadFactory(shape.kind()), "kit-fj-");
    }

    private List<StageSpec<Job, Job>> specs(Workload workload) {
        List<StageSpec<Job, Job>> specs = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StagePlan p = stages.get(i);
            specs.add(new StageSpec<Job, Job>(p.name(), workload.stage(i), p.parallelism(), p.buffer(), blocking));
        }
        return specs;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(shape.name());
        if (sources > 1) {
            sb.append('x').append(sources);
        }
        sb.append(stages.stream().map(s -> s.name() + "(p" + s.parallelism() + ",b" + s.buffer() + ")").toList());
        sb.append(' ').append(options.ordering()).append(' ').append(options.errors());
        return sb.toString();
    }
}
