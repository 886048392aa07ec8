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
 * The raw primitives in the LMAX perftest topologies ({@link Topology}: unicast 1P→1C, pipeline3
 * 1P→C1→C2→C3, sequencer3 3P→1C), shaped like the perftests so that the figures compare with
 * theirs on the same machine: each consumer adds the item's {@code long} to its sum, rings and
 * queues hold {@value Topology#CAPACITY} items, and one invocation is a pass of {@value #BATCH}
 * items — the producers publish, the benchmark thread waits for the last consumer's final count.
 * No clock per item. Score: items/s ({@code @OperationsPerInvocation}).
 *
 * <p>The topology lives for an iteration; its tear-down stops it and checks, as the perftests'
 * {@code failIfNot}, that every consumer counted every item once with the right sum — a wrong sum
 * fails the benchmark. The primitives: {@link RingTopology} (the Disruptor with three wait
 * strategies), {@link QueueTopology} ({@code abq}, {@code lbq}), {@link ExecutorTopology}
 * ({@code threadpool}), {@link ForkJoinTopology}, {@link VirtualThreadTopology}.
 *
 * <p>Threads: unicast 2, pipeline3 and sequencer3 4 (the perftests ask for 4 CPUs for those). On
 * 2 cores, spinning consumers of the 4-thread topologies take the core their producer needs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(RawTopologyBenchmark.BATCH)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RawTopologyBenchmark {

    /** Items per invocation: 12 rings' worth, a multiple of 3 (the sequencer's producers). */
    public static final int BATCH = 12 * Topology.CAPACITY;

    @Param({"unicast", "pipeline3", "sequencer3"})
    public String topology;

    @Param({"disruptorBusySpin", "disruptorYielding", "disruptorBlocking", "disruptorBusySpinFenced",
            "disruptorYieldingFenced", "disruptorBlockingFenced", "abq", "lbq", "threadpool", "forkjoin",
            "forkjoinStaged", "virtual", "virtualNamed"})
    public String primitive;

    private BatchTopology running;

    @Setup(Level.Iteration)
    public void start() {
        running = RawTopologies.start(primitive, Topology.of(topology), BATCH);
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
