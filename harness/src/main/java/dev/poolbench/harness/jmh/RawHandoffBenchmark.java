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
 * The same round trip as {@link EngineHandoffBenchmark} — a batch of
 * {@value EngineHandoffBenchmark#BATCH} tiny items submitted, then a wait in the one consumer for
 * the last output, ns/item — on each JVM primitive used directly ({@link RawHandoff}): the
 * denominator of the abstraction overhead {@code engine / raw}. {@code abq} and {@code lbq} are
 * the Disruptor paper's queue-per-arc baselines; {@code disruptorYielding} is the ring with the
 * paper's spinning wait, {@code disruptorFenced} the ring plus the fence per item the contract's
 * input needs ({@link RawDisruptor}). The topology lives for a whole iteration, as the engine instance does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(EngineHandoffBenchmark.BATCH)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RawHandoffBenchmark {

    @Param({"inline", "threadpool", "virtual", "virtualNamed", "forkjoin", "disruptor", "disruptorYielding", "disruptorFenced",
            "abq", "lbq"})
    public String primitive;

    @Param({"pool", "pipeline3", "fanout3", "merge3"})
    public String pattern;

    private TinyStages stages;
    private Parcel[] parcels;
    private BatchSink sink;
    private RawHandoff raw;
    private long submitted;

    @Setup(Level.Trial)
    public void prepare() {
        stages = new TinyStages();
        parcels = Parcel.batch(EngineHandoffBenchmark.BATCH);
        sink = new BatchSink();
    }

    @Setup(Level.Iteration)
    public void start() {
        raw = RawHandoff.start(primitive, HandoffPattern.of(pattern), stages, sink);
    }

    @Benchmark
    public void roundTrip() throws InterruptedException {
        long expected = sink.expect(EngineHandoffBenchmark.BATCH);
        for (Parcel p : parcels) {
            p.submittedNanos = System.nanoTime();
            raw.submit(p);
        }
        sink.awaitBatch(expected);
        submitted += EngineHandoffBenchmark.BATCH;
    }

    @TearDown(Level.Iteration)
    public void stop() throws Exception {
        raw.close();
        sink.verifyTotal(submitted);
        if (stages.installed() != submitted) {
            throw new IllegalStateException(primitive + "/" + pattern + ": " + submitted + " items submitted but "
                    + stages.installed() + " installed");
        }
    }
}
