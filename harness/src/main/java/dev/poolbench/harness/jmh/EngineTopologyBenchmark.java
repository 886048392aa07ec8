package dev.poolbench.harness.jmh;

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

import java.util.concurrent.TimeUnit;

/**
 * {@link RawTopologyBenchmark}'s three topologies through each engine of the contract
 * ({@link EngineTopology}: a worker pool of one worker, a pipeline of three single-worker stages,
 * a merge of three inputs), with the same items, per-item work, batches of
 * {@value RawTopologyBenchmark#BATCH}, buffers of {@value Topology#CAPACITY} and per-iteration
 * verification, so that engine / raw is measured against baselines validated on the LMAX
 * perftests. {@code engine} names an engine and, for the disruptor, a wait strategy
 * ({@link TopologyEngine}); {@code poolbench jmh} prints each figure beside its raw primitive's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RawTopologyBenchmark.BATCH)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EngineTopologyBenchmark {

    @Param({"unicast", "pipeline3", "sequencer3"})
    public String topology;

    @Param({"sequential", "executor", "forkjoin", "virtual", "disruptor", "disruptorBusySpin", "disruptorYielding",
            "disruptorBlocking"})
    public String engine;

    private BatchTopology running;

    @Setup(Level.Iteration)
    public void start() {
        running = new EngineTopology(TopologyEngine.of(engine), Topology.of(topology), RawTopologyBenchmark.BATCH);
    }

    @Benchmark
    public void pass() throws InterruptedException {
        running.runBatch();
    }

    @TearDown(Level.Iteration)
    public void stop() throws Exception {
        running.close();
        running.verify();
    }
}
