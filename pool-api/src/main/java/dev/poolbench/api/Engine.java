package dev.poolbench.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;

/**
 * One implementation of the contract on one JVM primitive, found with {@link java.util.ServiceLoader}
 * (see {@link Engines}). Every engine keeps the same guarantees for the same options:
 * <ol>
 *   <li><b>Exactly once</b>: every accepted item ends in exactly one of output, filtered,
 *   failed or cancelled.</li>
 *   <li><b>Sink discipline</b>: the sink is never called concurrently; outputs respect the
 *   ordering option.</li>
 *   <li><b>Bounded</b>: in-flight items never exceed the sum of buffers plus the sum of
 *   parallelism (reorder buffers included); submit blocks, offer times out.</li>
 *   <li><b>Cancellation</b>: after cancel no new item starts, submitters get
 *   {@link java.util.concurrent.CancellationException}, interruptible stage code is
 *   interrupted, engine threads end promptly.</li>
 *   <li><b>Errors</b> follow the {@link ErrorPolicy}; {@link Error} is always fatal; a failing
 *   stage never kills a worker silently or wedges the pattern.</li>
 *   <li><b>Lifecycle</b>: close and cancel idempotent; submit after close is
 *   {@link IllegalStateException}; a null item {@link NullPointerException}; bad options
 *   {@link IllegalArgumentException} naming the option and its valid values.</li>
 *   <li><b>No leaks</b>: after termination no thread the engine started is alive.</li>
 * </ol>
 */
public interface Engine {

    /** Short name: {@code sequential}, {@code executor}, {@code virtual}, {@code forkjoin}, {@code disruptor}. */
    String name();

    /** One line: the primitive and the design. */
    String description();

    /** The engine-specific options it accepts ({@code <name>.<option>}). */
    default List<EngineOption> options() {
        return List.of();
    }

    /**
     * The thread factory used when the caller supplies none: threads named
     * {@code poolbench-<engine>-<pattern>-<n>}. Engines that run virtual threads return a
     * virtual-thread factory.
     */
    default ThreadFactory defaultThreadFactory(PatternKind pattern) {
        return Thread.ofPlatform().name("poolbench-" + name() + "-" + pattern.shortName() + "-", 0).factory();
    }

    /** Validates {@code options} against {@link #options()} and fills in the defaults. */
    default Map<String, String> resolveOptions(PatternOptions options) {
        return EngineOptions.resolve(this, options.engineOptions());
    }

    <I, O> Running<I> workerPool(WorkerPool<I, O> pattern, Sink<? super O> sink);

    <I, O> Running<I> pipeline(Pipeline<I, O> pattern, Sink<? super O> sink);

    <I, O> Running<I> fanOut(FanOut<I, O> pattern, Sink<? super O> sink);

    /** Fan-out whose outputs are folded by {@code combiner}; the sink gets one aggregate at close. */
    <I, O, A> Running<I> fanOut(FanOut<I, O> pattern, Combiner<? super O, A> combiner, Sink<? super A> sink);

    <I, O> RunningMerge<I> merge(Merge<I, O> pattern, Sink<? super O> sink);
}
