package dev.poolbench.harness.jmh;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ns per item through each engine's contract, per {@link HandoffPattern}, on the {@code tiny}
 * profile (stages that only pass the item on), so the score is the cost of the hand-off.
 *
 * <p>One invocation is the full round trip of a batch of {@value #BATCH} items: submitted as fast
 * as backpressure allows, then the benchmark thread waits in the sink for the batch's last output.
 * Timing only the submits would hide the backlog still in the buffers; timing to the last output
 * does not. {@code @OperationsPerInvocation} divides by the batch, so the score is ns/item.
 *
 * <p>The instance lives for a whole iteration ({@code @Setup(Level.Iteration)}): starting threads
 * is a cost of {@code Engine.workerPool(…)}, not of an item, and the contract's {@code close()}
 * ends an instance, so a batch cannot end with close. Close runs in the iteration's tear-down,
 * where the total is checked: every submitted item reached the sink once and was installed once.
 *
 * <p>The merge's three inputs are fed by the one benchmark thread in turn; every pattern is built
 * {@code singleProducer}, which is what the benchmark thread promises. Compare with
 * {@link RawHandoffBenchmark} (same topology, no contract) for the abstraction overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EngineHandoffBenchmark.BATCH)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineHandoffBenchmark {

    /** Items per round trip: many buffers' worth, so the steady state dominates fill and drain. */
    public static final int BATCH = 4096;

    @Param({"sequential", "executor", "virtual", "forkjoin", "disruptor"})
    public String engine;

    @Param({"pool", "pipeline3", "fanout3", "merge3"})
    public String pattern;

    private TinyStages stages;
    private Parcel[] parcels;
    private BatchSink sink;
    private List<? extends Input<Parcel>> inputs;
    private Lifecycle running;
    private long submitted;

    @Setup(Level.Trial)
    public void prepare() {
        stages = new TinyStages();
        parcels = Parcel.batch(BATCH);
        sink = new BatchSink();
    }

    @Setup(Level.Iteration)
    public void start() {
        Engine e = Engines.byName(engine);
        HandoffPattern shape = HandoffPattern.of(pattern);
        PatternOptions options = PatternOptions.builder().singleProducer(true).build();
        StageSpec<Parcel, Parcel> fused = spec("tiny", stages.fused(), shape.workersPerLane());
        switch (shape) {
            case POOL -> use(e.workerPool(WorkerPool.of(fused, options), sink));
            case PIPELINE3 -> use(e.pipeline(Pipeline.first(spec("parse", stages.pipeline().get(0), 1))
                    .then(spec("validate", stages.pipeline().get(1), 1))
                    .then(spec("route", stages.pipeline().get(2), 1)).build(options), sink));
            case FANOUT3 -> use(e.fanOut(FanOut.of(fused.withParallelism(shape.lanes()), options), sink));
            case MERGE3 -> {
                RunningMerge<Parcel> m = e.merge(Merge.of(shape.lanes(), fused, options), sink);
                inputs = m.inputs();
                running = m;
            }
        }
    }

    private void use(Running<Parcel> r) {
        inputs = List.of(r);
        running = r;
    }

    private static StageSpec<Parcel, Parcel> spec(String name, Stage<Parcel, Parcel> f, int parallelism) {
        return new StageSpec<>(name, f, parallelism, HandoffPattern.BUFFER, false);
    }

    @Benchmark
    public void roundTrip() throws InterruptedException {
        long expected = sink.expect(BATCH);
        int n = inputs.size();
        for (int i = 0; i < BATCH; i++) {
            Parcel p = parcels[i];
            p.submittedNanos = System.nanoTime();
            inputs.get(n == 1 ? 0 : i % n).submit(p);
        }
        sink.awaitBatch(expected);
        submitted += BATCH;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        running.close();
        sink.verifyTotal(submitted);
        if (stages.installed() != submitted) {
            throw new IllegalStateException(engine + "/" + pattern + ": " + submitted + " items submitted but "
                    + stages.installed() + " installed");
        }
    }
}
