package dev.poolbench.harness.jmh;

import dev.poolbench.api.Stage;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A raw-primitive baseline: one {@link HandoffPattern} built directly on a JVM primitive, the
 * plainest way an expert would write it, with no contract in between — no outcome counters, no
 * cancellation, no error policy, no ordering, no deadline. Like the contract, every result ends
 * in one consumer ({@link BatchSink}), called serially. The engines' score divided by their
 * primitive's score is the contract's overhead ({@code poolbench jmh} prints that ratio).
 *
 * <p>Failures inside worker threads go to {@link BatchSink#fail}, which the benchmark thread
 * rethrows; items are never dropped silently.
 */
abstract class RawHandoff {

    /** The values of {@link RawHandoffBenchmark}'s {@code primitive} parameter. */
    static final List<String> PRIMITIVES = List.of("inline", "threadpool", "virtual", "virtualNamed", "forkjoin",
            "disruptor", "disruptorYielding", "disruptorFenced", "abq", "lbq");

    final HandoffPattern pattern;
    final TinyStages stages;
    final BatchSink sink;
    private final ReentrantLock sinkLock = new ReentrantLock();

    RawHandoff(HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        this.pattern = pattern;
        this.stages = stages;
        this.sink = sink;
    }

    /** Starts {@code primitive} (one of {@link #PRIMITIVES}) in {@code pattern}'s topology. */
    static RawHandoff start(String primitive, HandoffPattern pattern, TinyStages stages, BatchSink sink) {
        return switch (primitive) {
            case "inline" -> new RawInline(pattern, stages, sink);
            case "threadpool" -> new RawThreadPool(pattern, stages, sink);
            case "virtual" -> new RawVirtualPerTask(pattern, stages, sink, Thread.ofVirtual().factory());
            case "virtualNamed" -> new RawVirtualPerTask(pattern, stages, sink,
                    Thread.ofVirtual().name("raw-virtual-" + pattern.paramName() + "-", 0).factory());
            case "forkjoin" -> new RawForkJoin(pattern, stages, sink);
            case "disruptor" -> new RawDisruptor(pattern, stages, sink, false, false);
            case "disruptorYielding" -> new RawDisruptor(pattern, stages, sink, true, false);
            case "disruptorFenced" -> new RawDisruptor(pattern, stages, sink, false, true);
            case "abq" -> new RawQueuePerArc(pattern, stages, sink, false);
            case "lbq" -> new RawQueuePerArc(pattern, stages, sink, true);
            default -> throw new IllegalArgumentException("primitive '" + primitive + "' is unknown; valid: "
                    + String.join(", ", PRIMITIVES));
        };
    }

    /** The raw baseline an engine is compared with (null if none). */
    static String baselineOf(String engine) {
        return switch (engine) {
            case "sequential" -> "inline";
            case "executor" -> "threadpool";
            case "virtual" -> "virtual";
            case "forkjoin" -> "forkjoin";
            case "disruptor" -> "disruptor";
            default -> null;
        };
    }

    /**
     * The primitive plus only what the contract makes every engine pay on it, so that engine / it
     * is the engine's own plumbing (null where the raw baseline already is that): virtual threads
     * with a name each (the contract's thread factory names every thread), the disruptor ring with
     * the producer's fenced announcement per item.
     */
    static String contractBaselineOf(String engine) {
        return switch (engine) {
            case "virtual" -> "virtualNamed";
            case "disruptor" -> "disruptorFenced";
            default -> null;
        };
    }

    /** Hands one item in, blocking while the topology is full. */
    abstract void submit(Parcel p) throws InterruptedException;

    /** Drains and stops every thread it started; throws if that takes more than a few seconds. */
    abstract void close() throws Exception;

    /** The serial hand-over to the one consumer, for topologies whose workers all deliver. */
    final void deliverLocked(Parcel p) {
        sinkLock.lock();
        try {
            sink.deliver(p);
        } finally {
            sinkLock.unlock();
        }
    }

    /** The stage a pipeline step {@code k} runs. */
    final Stage<Parcel, Parcel> step(int k) {
        return stages.pipeline().get(k);
    }
}
