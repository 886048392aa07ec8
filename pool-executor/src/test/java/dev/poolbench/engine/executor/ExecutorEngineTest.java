package dev.poolbench.engine.executor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.Merge;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Engine-specific checks of the executor engine: its options, that both queue kinds hold at
 * most {@code buffer} items, that every thread (from the pattern's factory) has ended when
 * close or a cancel completes, and a smoke run of every pattern against the expected outputs.
 * The conformance kit covers the contract itself.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorEngineTest {

    private static final long LIVE_S = 10;

    private final Engine engine = new ExecutorEngine();

    private static PatternOptions.Builder opts(TrackingThreadFactory f) {
        return PatternOptions.builder().threadFactory(f);
    }

    private TrackingThreadFactory tracker(String prefix) {
        return new TrackingThreadFactory(Thread.ofPlatform().name(prefix, 0).factory(), prefix + "fj-");
    }

    /** A sink that records outputs in arrival order (the engine serialises the calls). */
    private static final class ListSink<O> implements Sink<O> {
        final List<O> outputs = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onOutput(O output) {
            outputs.add(output);
        }
    }

    @Test
    void isFoundByServiceLoaderWithItsOptions() {
        assertThat(Engines.byName("executor")).isInstanceOf(ExecutorEngine.class);
        assertThat(engine.options()).extracting(o -> o.synopsis())
                .containsExactly("executor.queue=array|linked", "executor.prestart=auto|true|false");
    }

    @Test
    void badOptionValueNamesTheValidOnes() {
        PatternOptions o = PatternOptions.builder().engineOption("executor.queue", "ring").build();
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s", (i, c) -> i), o),
                x -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.queue").hasMessageContaining("array").hasMessageContaining("linked");
        PatternOptions unknown = PatternOptions.builder().engineOption("executor.keepalive", "1").build();
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s", (i, c) -> i),
                unknown), x -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("executor.queue=array|linked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "linked"})
    void queueKindHoldsAtMostBufferAndSubmitBlocksAtBufferPlusParallelism(String kind) throws Exception {
        int parallelism = 2;
        int buffer = 3;
        CountDownLatch release = new CountDownLatch(1);
        TrackingThreadFactory f = tracker("q-" + kind + "-");
        ListSink<Integer> sink = new ListSink<>();
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("hold", (i, c) -> {
            release.await();
            return i;
        }).withParallelism(parallelism).withBuffer(buffer);
        PatternOptions o = opts(f).engineOption("executor.queue", kind).build();
        Running<Integer> pool = engine.workerPool(WorkerPool.of(stage, o), sink);
        try {
            List<BlockingQueue<Runnable>> queues = ((ExecutorInstance<?>) pool).queues();
            assertThat(queues).hasSize(1);
            BlockingQueue<Runnable> q = queues.get(0);
            assertThat(q).isInstanceOf(kind.equals("array") ? ArrayBlockingQueue.class : LinkedBlockingQueue.class);
            assertThat(q.remainingCapacity()).isEqualTo(buffer);

            for (int i = 0; i < buffer + parallelism; i++) {
                assertThat(pool.offer(i, LIVE_S, TimeUnit.SECONDS)).as("item %s fits", i).isTrue();
            }
            // the two workers took two items; the queue holds exactly `buffer` and is full
            long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
            while (q.size() != buffer && System.nanoTime() < due) {
                Thread.sleep(1);
            }
            assertThat(q.size()).isEqualTo(buffer);
            assertThat(q.remainingCapacity()).isZero();
            assertThat(pool.offer(99, 50, TimeUnit.MILLISECONDS)).as("no room beyond buffer + parallelism").isFalse();
            assertThat(pool.stats().accepted()).isEqualTo(buffer + parallelism);
            assertThat(pool.stats().effectiveBuffers()).containsExactly(buffer);
            release.countDown();
            pool.close();
        } finally {
            release.countDown();
            pool.cancel();
        }
        assertThat(sink.outputs).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(f.alive()).isEmpty();
        assertThat(f.created()).as("threads: the pool's workers only").isEqualTo(parallelism);
    }

    /** Every pattern shape, built with the given options. */
    private List<Lifecycle> everyShape(Function<String, PatternOptions> options,
                                       StageSpec<Integer, Integer> stage, Sink<Object> sink) {
        List<Lifecycle> all = new ArrayList<>();
        all.add(engine.workerPool(WorkerPool.of(stage, options.apply("pool")), sink));
        all.add(engine.pipeline(Pipeline.first(stage).then(stage.withParallelism(3)).build(options.apply("pipe")),
                sink));
        all.add(engine.fanOut(FanOut.of(stage, options.apply("fan")), sink));
        all.add(engine.fanOut(FanOut.of(stage, options.apply("fold")),
                Combiner.of(() -> 0L, (a, x) -> a + x, Long::sum), sink));
        all.add(engine.merge(Merge.of(3, stage, options.apply("merge")), sink));
        return all;
    }

    private static void submit(Lifecycle l, int item) throws InterruptedException {
        if (l instanceof RunningMerge<?> m) {
            @SuppressWarnings("unchecked")
            RunningMerge<Integer> mm = (RunningMerge<Integer>) m;
            mm.input(item % mm.inputs().size()).submit(item);
        } else {
            @SuppressWarnings("unchecked")
            Running<Integer> r = (Running<Integer>) l;
            r.submit(item);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNORDERED", "ORDERED", "KEYED"})
    void everyThreadEndsAfterClose(String ordering) throws Exception {
        Map<String, TrackingThreadFactory> factories = new HashMap<>();
        Function<String, PatternOptions> options = name -> {
            TrackingThreadFactory f = tracker("close-" + name + "-");
            factories.put(name, f);
            return opts(f).ordering(ordering(ordering)).deadline(Duration.ofMinutes(5)).build();
        };
        Sink<Object> sink = o -> { };
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("inc", (i, c) -> i + 1)
                .withParallelism(2).withBuffer(2);
        List<Lifecycle> all = everyShape(options, stage, sink);
        for (Lifecycle l : all) {
            for (int i = 0; i < 200; i++) {
                submit(l, i);
            }
            l.close();
            assertThat(l.isTerminated()).isTrue();
            assertThat(l.stats().outputs()).isEqualTo(200);
        }
        factories.forEach((name, f) -> {
            assertThat(f.created()).as("%s made threads through the factory", name).isPositive();
            assertThat(f.alive()).as("threads of %s alive after close", name).isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"UNORDERED", "ORDERED", "KEYED"})
    void everyThreadEndsAfterCancelEvenWithStagesAndSubmittersBlocked(String ordering) throws Exception {
        Map<String, TrackingThreadFactory> factories = new ConcurrentHashMap<>();
        Function<String, PatternOptions> options = name -> {
            TrackingThreadFactory f = tracker("cancel-" + name + "-");
            factories.put(name, f);
            return opts(f).ordering(ordering(ordering)).build();
        };
        CountDownLatch never = new CountDownLatch(1);
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("block", (i, c) -> {
            never.await(); // interruptible: the cancel's interrupt ends it
            return i;
        }).withParallelism(2).withBuffer(1);
        List<Lifecycle> all = everyShape(options, stage, o -> { });
        for (Lifecycle l : all) {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Thread producer = Thread.ofPlatform().name("producer").start(() -> {
                try {
                    for (int i = 0; ; i++) {
                        submit(l, i);
                    }
                } catch (Throwable t) {
                    seen.set(t);
                }
            });
            long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
            while (producer.getState() != Thread.State.WAITING && producer.getState() != Thread.State.TIMED_WAITING
                    && System.nanoTime() < due) {
                Thread.sleep(1);
            }
            l.cancel();
            producer.join(TimeUnit.SECONDS.toMillis(LIVE_S));
            assertThat(seen.get()).as("the blocked submitter of %s", l).isInstanceOf(CancellationException.class);
            assertThat(l.awaitTermination(LIVE_S, TimeUnit.SECONDS)).isTrue();
            assertThat(l.stats().inFlight()).isZero();
            assertThat(l.stats().accepted()).isEqualTo(l.stats().cancelled());
            assertThatThrownBy(l::close).isInstanceOf(CancellationException.class);
        }
        factories.forEach((name, f) -> assertThat(f.alive()).as("threads of %s alive after cancel", name).isEmpty());
    }

    private static Ordering ordering(String name) {
        return switch (name) {
            case "ORDERED" -> Ordering.ORDERED;
            case "KEYED" -> Ordering.<Integer>keyed(i -> i % 5);
            default -> Ordering.UNORDERED;
        };
    }

    @Test
    void defaultThreadsAreNamedAfterTheEngineAndPattern() throws Exception {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("name", (i, c) -> {
            names.add(Thread.currentThread().getName());
            return i;
        }).withParallelism(2);
        try (Running<Integer> fan = engine.fanOut(FanOut.of(stage, PatternOptions.DEFAULTS), o -> { })) {
            for (int i = 0; i < 20; i++) {
                fan.submit(i);
            }
        }
        assertThat(names).isNotEmpty().allMatch(n -> n.startsWith("poolbench-executor-fanout-"));
    }

    @Test
    void smokeEveryPatternGivesTheExpectedOutputs() throws Exception {
        StageSpec<Integer, Integer> square = StageSpec.<Integer, Integer>of("square", (i, c) -> i * i)
                .withParallelism(3).withBuffer(4);
        StageSpec<Integer, Integer> dropOdd = StageSpec.<Integer, Integer>of("dropOdd", (i, c) -> i % 2 == 0 ? i : null)
                .withParallelism(2).withBuffer(1);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            if (i % 2 == 0) {
                expected.add(i * i);
            }
        }
        PatternOptions ordered = PatternOptions.builder().ordering(Ordering.ORDERED).build();

        ListSink<Integer> pipe = new ListSink<>();
        try (Running<Integer> r = engine.pipeline(Pipeline.first(dropOdd).then(square).build(ordered), pipe)) {
            for (int i = 0; i < 500; i++) {
                r.submit(i);
            }
        }
        assertThat(pipe.outputs).containsExactlyElementsOf(expected);

        ListSink<Integer> fan = new ListSink<>();
        try (Running<Integer> r = engine.fanOut(FanOut.of(dropOdd, ordered), fan)) {
            for (int i = 0; i < 500; i++) {
                r.submit(i);
            }
        }
        assertThat(fan.outputs).hasSize(250).isSorted();

        ListSink<Long> sum = new ListSink<>();
        try (Running<Integer> r = engine.fanOut(FanOut.of(square, PatternOptions.DEFAULTS),
                Combiner.of(() -> 0L, (a, x) -> a + x, Long::sum), sum)) {
            for (int i = 0; i < 500; i++) {
                r.submit(i);
            }
        }
        long total = 0;
        for (int i = 0; i < 500; i++) {
            total += (long) i * i;
        }
        assertThat(sum.outputs).containsExactly(total);

        ListSink<Integer> merged = new ListSink<>();
        try (RunningMerge<Integer> m = engine.merge(Merge.of(3, square, PatternOptions.DEFAULTS), merged)) {
            for (int i = 0; i < 300; i++) {
                m.input(i % 3).submit(i);
            }
            m.input(0).close();
            assertThatThrownBy(() -> m.input(0).submit(1)).isInstanceOf(IllegalStateException.class);
            m.input(1).submit(1000);
        }
        assertThat(merged.outputs).hasSize(301).contains(1_000_000);
    }

    @Test
    void keyedStagesNeverRunEqualKeysConcurrentlyAndKeepTheirOrder() throws Exception {
        // SPEC §2: equal keys never run concurrently *within a stage*; an item in stage 2 and a later
        // item of its key in stage 1 may, so each stage watches its own keys.
        AtomicReference<String> violation = new AtomicReference<>();
        StageSpec<int[], int[]> stage = exclusivePerKey("exclusive-1", violation).withParallelism(4).withBuffer(2);
        StageSpec<int[], int[]> second = exclusivePerKey("exclusive-2", violation).withParallelism(3).withBuffer(2);
        PatternOptions keyed = PatternOptions.builder().ordering(Ordering.<int[]>keyed(a -> a[0]))
                .errors(ErrorPolicy.FAIL_FAST).build();
        ListSink<int[]> sink = new ListSink<>();
        try (Running<int[]> r = engine.pipeline(Pipeline.first(stage).then(second).build(keyed),
                sink)) {
            for (int i = 0; i < 2000; i++) {
                r.submit(new int[]{i % 7, i});
            }
        }
        assertThat(violation.get()).isNull();
        Map<Integer, Integer> last = new HashMap<>();
        for (int[] o : sink.outputs) {
            Integer before = last.put(o[0], o[1]);
            assertThat(before == null || before < o[1]).as("key %s: %s after %s", o[0], o[1], before).isTrue();
        }
        assertThat(sink.outputs).hasSize(2000);
    }

    /** A stage that records a violation when two items of one key run in it at once. */
    private static StageSpec<int[], int[]> exclusivePerKey(String name, AtomicReference<String> violation) {
        Map<Integer, Integer> running = new ConcurrentHashMap<>();
        return StageSpec.<int[], int[]>of(name, (item, c) -> {
            if (running.merge(item[0], 1, Integer::sum) > 1) {
                violation.set(name + ": key " + item[0] + " ran twice at once");
            }
            Thread.onSpinWait();
            running.merge(item[0], -1, Integer::sum);
            return item;
        });
    }

    @Test
    void orderedAdmissionWindowBoundsHeldOutputsAndATimedOutOfferLeavesOnlyAGap() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("first-slow", (i, c) -> {
            if (i == 0) {
                release.await();
            }
            return i;
        }).withParallelism(2).withBuffer(1); // window = buffer + parallelism = 3
        ListSink<Integer> sink = new ListSink<>();
        PatternOptions ordered = PatternOptions.builder().ordering(Ordering.ORDERED).build();
        Running<Integer> pool = engine.workerPool(WorkerPool.of(stage, ordered), sink);
        try {
            for (int i = 0; i < 3; i++) {
                pool.submit(i);
            }
            long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
            while (pool.stats().inFlight() != 3 || ((ExecutorInstance<?>) pool).queues().get(0).size() != 0) {
                assertThat(System.nanoTime()).as("items 1 and 2 done and held back").isLessThan(due);
                Thread.sleep(1);
            }
            // a worker and the buffer are free, but 1 and 2 wait behind 0: the window is full
            assertThat(pool.offer(3, 50, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(pool.stats().accepted()).isEqualTo(3);
            assertThat(pool.stats().inFlight()).isLessThanOrEqualTo(3);
            release.countDown();
            pool.submit(4);
            pool.close();
        } finally {
            release.countDown();
            pool.cancel();
        }
        assertThat(sink.outputs).containsExactly(0, 1, 2, 4);
        assertThat(pool.stats().outputs()).isEqualTo(4);
    }
}
