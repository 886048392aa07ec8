package dev.poolbench.harness.jmh;

import dev.poolbench.api.Engines;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Running;
import dev.poolbench.api.StageContext;
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

import java.util.concurrent.TimeUnit;

/**
 * Blocking hand-off, as JEP 444 frames it: {@value #ITEMS} items, each blocking
 * {@value #BLOCK_MS} ms in its stage (a sleep standing for an RPC), through a worker pool —
 * {@code virtual} at parallelism {@value #ITEMS} (a thread per item), the platform-thread engines
 * at {@code platformCap} (200). The score is items/s ({@code @OperationsPerInvocation} over a full
 * round trip of the batch); Little's law bounds it by parallelism / blocking time: 1,000,000/s for
 * virtual (so the batch is one 10 ms wave plus the cost of starting 10,000 threads) and
 * 20,000/s for 200 threads (50 waves). {@code poolbench jmh} prints each score against its bound.
 *
 * <p>The buffer holds the whole batch, so the submitter never waits and the figure is the
 * workers' capacity. The stage declares that it blocks (forkjoin runs it under managedBlock).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BlockingHandoffBenchmark.ITEMS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class BlockingHandoffBenchmark {

    public static final int ITEMS = 10_000;
    public static final int BLOCK_MS = 10;

    @Param({"virtual", "executor", "forkjoin"})
    public String engine;

    /** Parallelism of the platform-thread engines (virtual runs one thread per item). */
    @Param("200")
    public int platformCap;

    private Parcel[] parcels;
    private BatchSink sink;
    private Running<Parcel> running;
    private long submitted;

    /** The parallelism {@code engine} runs at. */
    public static int parallelism(String engine, int platformCap) {
        return engine.equals("virtual") ? ITEMS : platformCap;
    }

    @Setup(Level.Trial)
    public void prepare() {
        parcels = Parcel.batch(ITEMS);
        sink = new BatchSink();
    }

    @Setup(Level.Iteration)
    public void start() {
        StageSpec<Parcel, Parcel> sleep = new StageSpec<Parcel, Parcel>("rpc", (Parcel p, StageContext c) -> {
            Thread.sleep(BLOCK_MS);
            return p;
        }, parallelism(engine, platformCap), ITEMS, true);
        running = Engines.byName(engine).workerPool(WorkerPool.of(sleep,
                PatternOptions.builder().singleProducer(true).build()), sink);
    }

    @Benchmark
    public void roundTrip() throws InterruptedException {
        long expected = sink.expect(ITEMS);
        for (Parcel p : parcels) {
            p.submittedNanos = System.nanoTime();
            running.submit(p);
        }
        sink.awaitBatch(expected);
        submitted += ITEMS;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        running.close();
        sink.verifyTotal(submitted);
    }
}
