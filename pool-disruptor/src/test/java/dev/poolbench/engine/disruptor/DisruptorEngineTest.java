package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Merge;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternFailedException;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine-specific behaviour of the disruptor engine: the ring, its wait strategies, sharding, back-off and ending. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DisruptorEngineTest {

    private final DisruptorEngine engine = new DisruptorEngine();

    private static TrackingThreadFactory tracking() {
        return new TrackingThreadFactory(Thread.ofPlatform().name("poolbench-disruptor-test-", 0).factory(),
                "poolbench-disruptor-test-fj-");
    }

    private static PatternOptions.Builder options(String wait, TrackingThreadFactory threads) {
        return PatternOptions.builder().engineOption(DisruptorEngine.WAIT, wait).threadFactory(threads);
    }

    /** A list sink that also proves it is never entered concurrently. */
    private static final class CheckingSink<O> implements Sink<O> {
        final List<O> outputs = Collections.synchronizedList(new ArrayList<>());
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inside = new AtomicInteger();
        volatile boolean overlapped;

        @Override
        public void onOutput(O output) {
            enter();
            outputs.add(output);
            inside.decrementAndGet();
        }

        @Override
        public void onFailure(Failure failure) {
            enter();
            failures.add(failure);
            inside.decrementAndGet();
        }

        private void enter() {
            if (inside.incrementAndGet() != 1) {
                overlapped = true;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "parking", "sleeping", "yielding", "busyspin"})
    void everyWaitStrategyRunsEveryPattern(String wait) throws Exception {
        runsEveryPattern(engine, wait);
    }

    /**
     * Parking without its safety net (widened to an hour through a package-private constructor):
     * every hand-off must be signalled, or a pattern waits out the 30 s test timeout. It caught a
     * shard that moved its sequence for a full next stage without telling its blocked followers.
     */
    @Test
    void parkingRunsEveryPatternOnSignalsAlone() throws Exception {
        runsEveryPattern(new DisruptorEngine(TimeUnit.HOURS.toMillis(1)), "parking");
    }

    private void runsEveryPattern(Engine engine, String wait) throws Exception {
        TrackingThreadFactory threads = tracking();
        PatternOptions ordered = options(wait, threads).ordering(Ordering.ORDERED).build();
        StageSpec<Integer, Integer> square = StageSpec.<Integer, Integer>of("square", (x, c) -> x * x)
                .withParallelism(2).withBuffer(8);

        CheckingSink<Integer> pool = new CheckingSink<>();
        try (Running<Integer> r = engine.workerPool(WorkerPool.of(square, ordered), pool)) {
            for (int i = 0; i < 500; i++) {
                r.submit(i);
            }
        }
        assertThat(pool.outputs).hasSize(500).startsWith(0, 1, 4, 9).endsWith(499 * 499);
        assertThat(pool.outputs).isSortedAccordingTo(Integer::compare);

        CheckingSink<String> pipe = new CheckingSink<>();
        Pipeline<Integer, String> pipeline = Pipeline.first(square)
                .then(StageSpec.<Integer, Integer>of("odd", (x, c) -> x % 2 == 1 ? x : null).withParallelism(3))
                .then(StageSpec.<Integer, String>of("text", (x, c) -> "v" + x).withBuffer(1))
                .build(ordered);
        Running<Integer> p = engine.pipeline(pipeline, pipe);
        for (int i = 0; i < 300; i++) {
            p.submit(i);
        }
        p.close();
        assertThat(pipe.outputs).hasSize(150).startsWith("v1", "v9", "v25");
        assertThat(p.stats().filtered()).isEqualTo(150);
        assertThat(p.stats().inFlight()).isZero();

        CheckingSink<Long> sum = new CheckingSink<>();
        Combiner<Integer, Long> adder = Combiner.of(() -> 0L, (a, x) -> a + x, Long::sum);
        try (Running<Integer> f = engine.fanOut(FanOut.of(square.withParallelism(3), ordered), adder, sum)) {
            for (int i = 1; i <= 100; i++) {
                f.submit(i);
            }
        }
        assertThat(sum.outputs).containsExactly(338_350L);

        CheckingSink<Integer> merged = new CheckingSink<>();
        RunningMerge<Integer> m = engine.merge(Merge.of(3, square, options(wait, threads).build()), merged);
        List<Thread> producers = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int base = k * 1000;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        m.input(base / 1000).submit(base + i);
                    }
                    m.input(base / 1000).close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        m.close();
        assertThat(merged.outputs).hasSize(600);
        assertThat(pool.overlapped || pipe.overlapped || sum.overlapped || merged.overlapped).isFalse();
        assertThat(threads.awaitAllTerminated(Duration.ofSeconds(5))).isTrue();
        assertThat(threads.alive()).isEmpty();
    }

    @Test
    void ringIsTheSumOfBuffersAndParallelismRoundedUpAndStatsReportTheRequestedBuffers() {
        CheckingSink<Object> sink = new CheckingSink<>();
        Pipeline<Object, Object> pipeline = Pipeline.first(StageSpec.of("a", (x, c) -> x).withBuffer(5))
                .then(StageSpec.of("b", (x, c) -> x).withBuffer(6)).build(PatternOptions.DEFAULTS);
        DisruptorInstance<?> r = (DisruptorInstance<?>) engine.pipeline(pipeline, sink);
        try {
            assertThat(r.ringSize()).isEqualTo(16); // 5 + 6 + 1 + 1
            assertThat(r.stats().effectiveBuffers()).containsExactly(5, 6);
            assertThat(r.waitChoice()).isEqualTo(WaitChoice.SLEEPING); // auto, 3 handler threads
        } finally {
            r.close();
        }
        DisruptorInstance<?> fan = (DisruptorInstance<?>) engine.fanOut(
                FanOut.of(StageSpec.of("w", (x, c) -> x).withParallelism(3).withBuffer(3), PatternOptions.DEFAULTS),
                sink);
        try {
            assertThat(fan.ringSize()).isEqualTo(16); // 3 × 3 + 3
            assertThat(fan.stats().effectiveBuffers()).containsExactly(3, 3, 3);
        } finally {
            fan.close();
        }
    }

    @ParameterizedTest(name = "stages={0} handler threads per core={1} rate-limited={2} -> {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "1, 1, false, SLEEPING",
            "3, 1, false, SLEEPING",
            "1, 5, false, PARKING",
            "3, 5, false, SLEEPING",
            "1, 1, true, PARKING",
            "3, 1, true, PARKING",
            "1, 5, true, PARKING"})
    void autoParksARateLimitedOrCrowdedRingAndOtherwiseSleeps(int stages, int threadsPerCore,
                                                                       boolean rateLimited, WaitChoice expected) {
        int threads = threadsPerCore * Runtime.getRuntime().availableProcessors();
        assertThat(WaitChoice.AUTO.resolve(stages, threads, rateLimited)).isEqualTo(expected);
        assertThat(WaitChoice.SLEEPING.resolve(stages, threads, rateLimited)).as("an explicit choice stays")
                .isEqualTo(WaitChoice.SLEEPING);
    }

    @Test
    void aRateLimitedInstanceGetsTheParkingStrategy() {
        PatternOptions limited = PatternOptions.builder().rateLimit(1000).build();
        DisruptorInstance<?> r = (DisruptorInstance<?>) engine.workerPool(
                WorkerPool.of(StageSpec.of("id", (x, c) -> x), limited), x -> { });
        try {
            assertThat(r.waitChoice()).isEqualTo(WaitChoice.PARKING);
        } finally {
            r.close();
        }
    }

    @Test
    void singleProducerInstancesUseASingleProducerRing() {
        CheckingSink<Object> sink = new CheckingSink<>();
        StageSpec<Object, Object> id = StageSpec.of("id", (x, c) -> x);
        DisruptorInstance<?> single = (DisruptorInstance<?>) engine.workerPool(
                WorkerPool.of(id, PatternOptions.builder().singleProducer(true).build()), sink);
        DisruptorInstance<?> multi = (DisruptorInstance<?>) engine.workerPool(WorkerPool.of(id, PatternOptions.DEFAULTS),
                sink);
        DisruptorInstance<?> merge = (DisruptorInstance<?>) engine.merge(
                Merge.of(2, id, PatternOptions.builder().singleProducer(true).build()), sink);
        assertThat(single.producerType()).hasToString("SINGLE");
        assertThat(multi.producerType()).hasToString("MULTI");
        assertThat(merge.producerType()).hasToString("MULTI");
        single.close();
        multi.close();
        merge.close();
    }

    @Test
    void inFlightNeverExceedsTheRing() throws Exception {
        TrackingThreadFactory threads = tracking();
        AtomicInteger maxInFlight = new AtomicInteger();
        CheckingSink<Integer> sink = new CheckingSink<>();
        java.util.concurrent.atomic.AtomicReference<Running<Integer>> self = new java.util.concurrent.atomic.AtomicReference<>();
        StageSpec<Integer, Integer> slow = StageSpec.<Integer, Integer>of("slow", (x, c) -> {
            maxInFlight.accumulateAndGet((int) self.get().stats().inFlight(), Math::max);
            if (x % 50 == 0) {
                Thread.sleep(1);
            }
            return x;
        }).withParallelism(2).withBuffer(6);
        self.set(engine.workerPool(WorkerPool.of(slow, options("blocking", threads).build()), sink));
        ExecutorService producers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            done.add(producers.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    self.get().submit(i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        producers.shutdown();
        self.get().close();
        // the stage holds at most its buffer 6 + its parallelism 2
        assertThat(maxInFlight.get()).isBetween(1, 8);
        assertThat(sink.outputs).hasSize(2000);
    }

    @Test
    void keyedShardsByKeySoEqualKeysStayInOrderAndNeverOverlap() throws Exception {
        TrackingThreadFactory threads = tracking();
        AtomicInteger overlaps = new AtomicInteger();
        // one busy count per key and stage: equal keys may be in two different stages at once
        StageSpec<int[], int[]> first = overlapCounting("first", overlaps).withParallelism(3).withBuffer(16);
        StageSpec<int[], int[]> second = overlapCounting("second", overlaps).withParallelism(2).withBuffer(16);
        CheckingSink<int[]> sink = new CheckingSink<>();
        PatternOptions keyed = options("sleeping", threads).ordering(Ordering.<int[]>keyed(x -> x[0])).build();
        try (Running<int[]> r = engine.pipeline(Pipeline.first(first).then(second).build(keyed),
                sink)) {
            for (int i = 0; i < 2000; i++) {
                r.submit(new int[] {i % 7, i});
            }
        }
        assertThat(overlaps.get()).isZero();
        Map<Integer, Integer> last = new HashMap<>();
        for (int[] out : sink.outputs) {
            Integer prev = last.put(out[0], out[1]);
            assertThat(prev == null || prev < out[1]).isTrue();
        }
        assertThat(sink.outputs).hasSize(2000);
    }

    /** A stage that counts a second item of one key inside it at once as an overlap. */
    private static StageSpec<int[], int[]> overlapCounting(String name, AtomicInteger overlaps) {
        Map<Integer, AtomicInteger> busy = new HashMap<>();
        for (int k = 0; k < 7; k++) {
            busy.put(k, new AtomicInteger());
        }
        return StageSpec.<int[], int[]>of(name, (x, c) -> {
            AtomicInteger b = busy.get(x[0]);
            if (b.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            Thread.onSpinWait();
            b.decrementAndGet();
            return x;
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"blocking", "sleeping"})
    void cancelWithTheStageFullReleasesBlockedProducersPromptly(String wait) throws Exception {
        TrackingThreadFactory threads = tracking();
        CountDownLatch never = new CountDownLatch(1);
        StageSpec<Integer, Integer> stuck = StageSpec.<Integer, Integer>of("stuck", (x, c) -> {
            never.await();
            return x;
        }).withParallelism(2).withBuffer(4);
        Running<Integer> r = engine.workerPool(WorkerPool.of(stuck, options(wait, threads).build()), x -> { });
        int accepted = 0;
        while (r.offer(accepted, 50, TimeUnit.MILLISECONDS)) {
            accepted++;
        }
        assertThat(accepted).isEqualTo(6); // the stage is full: two items running, its buffer of four waiting
        ExecutorService producers = Executors.newFixedThreadPool(3);
        List<Future<?>> blocked = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            blocked.add(producers.submit(() -> {
                r.submit(99);
                return null;
            }));
        }
        Thread.sleep(50);
        long start = System.nanoTime();
        r.cancel();
        for (Future<?> f : blocked) {
            assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        }
        assertThat(r.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).as("liveness bound, not a performance claim").isLessThan(5000);
        assertThat(threads.alive()).isEmpty();
        assertThat(r.stats().cancelled()).isEqualTo(6);
        assertThat(r.stats().inFlight()).isZero();
        assertThatThrownBy(() -> r.submit(1)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(r::close).isInstanceOf(CancellationException.class);
        producers.shutdownNow();
    }

    @Test
    void failFastAndContinueGoThroughTheContractNotTheDisruptorHandler() throws Exception {
        StageSpec<Integer, Integer> picky = StageSpec.<Integer, Integer>of("picky", (x, c) -> {
            if (x == 13) {
                throw new IllegalArgumentException("thirteen");
            }
            return x;
        }).withParallelism(2);
        CheckingSink<Integer> cont = new CheckingSink<>();
        try (Running<Integer> r = engine.workerPool(
                WorkerPool.of(picky, PatternOptions.builder().errors(ErrorPolicy.CONTINUE).build()), cont)) {
            for (int i = 0; i < 50; i++) {
                r.submit(i);
            }
        }
        assertThat(cont.outputs).hasSize(49);
        assertThat(cont.failures).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("picky");
            assertThat(f.input()).isEqualTo(13);
        });

        Running<Integer> ff = engine.workerPool(WorkerPool.of(picky, PatternOptions.DEFAULTS), x -> { });
        for (int i = 0; i < 50; i++) {
            try {
                ff.submit(i);
            } catch (CancellationException expected) {
                break;
            }
        }
        assertThatThrownBy(ff::close).isInstanceOf(PatternFailedException.class)
                .hasRootCauseMessage("thirteen");
        assertThat(ff.stats().failed()).isEqualTo(1);
        assertThat(ff.stats().inFlight()).isZero();
    }

    @Test
    void threadsAreNamedAfterTheEngineAndPattern() throws Exception {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        try (Running<Integer> r = engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("n", (x, c) -> {
            names.add(Thread.currentThread().getName());
            return x;
        }).withParallelism(2), PatternOptions.DEFAULTS), x -> { })) {
            for (int i = 0; i < 10; i++) {
                r.submit(i);
            }
        }
        assertThat(names).isNotEmpty().allMatch(n -> n.startsWith("poolbench-disruptor-pool-"));
    }

    /**
     * A last stage of one shard runs on the fan-in's thread (as the raw ring's last handler
     * delivers), so it calls the sink on the thread that ran it; a last stage of several shards
     * keeps a fan-in thread of its own.
     */
    @ParameterizedTest(name = "last stage of {0} worker(s)")
    @ValueSource(ints = {1, 3})
    void aSingleShardLastStageRunsOnTheFanInThread(int workers) throws Exception {
        TrackingThreadFactory threads = tracking();
        Map<Integer, Thread> ranOn = new java.util.concurrent.ConcurrentHashMap<>();
        List<Boolean> sameThread = Collections.synchronizedList(new ArrayList<>());
        StageSpec<Integer, Integer> first = StageSpec.of("first", (x, c) -> x);
        StageSpec<Integer, Integer> last = StageSpec.<Integer, Integer>of("last", (x, c) -> {
            ranOn.put(x, Thread.currentThread());
            return x;
        }).withParallelism(workers);
        Pipeline<Integer, Integer> pipeline = Pipeline.first(first).then(last)
                .build(options("sleeping", threads).build());
        try (Running<Integer> r = engine.pipeline(pipeline, x -> sameThread.add(ranOn.get(x) == Thread.currentThread()))) {
            for (int i = 0; i < 200; i++) {
                r.submit(i);
            }
        }
        assertThat(sameThread).hasSize(200).containsOnly(workers == 1);
        assertThat(threads.created()).isEqualTo(workers == 1 ? 2 : 1 + workers + 1);
    }

    /**
     * A cancel right after the constructor must reach every handler, so the constructor returns
     * only once each handler thread runs: a Disruptor processor starting after a halt can clear the
     * alert its stage's other shards wait on ({@link HandlerStart}; the kit's startCancelRaces wedged
     * on it now and then). The race itself cannot be forced from here; a thread factory that holds
     * its last thread back shows whether the constructor waits (it did not before the fix).
     */
    @Test
    void theConstructorReturnsOnlyOnceEveryHandlerThreadRuns() throws Exception {
        TrackingThreadFactory threads = tracking();
        AtomicInteger made = new AtomicInteger();
        java.util.Set<Integer> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.ThreadFactory lastOneLate = task -> {
            int n = made.incrementAndGet();
            return threads.newThread(() -> {
                if (n == 3) {
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                }
                running.add(n);
                task.run();
            });
        };
        StageSpec<Object, Object> id = StageSpec.<Object, Object>of("id", (x, c) -> x).withParallelism(2);
        Running<Object> r = engine.workerPool(WorkerPool.of(id, PatternOptions.builder().threadFactory(lastOneLate)
                .build()), x -> { });
        assertThat(running).as("handler threads running when the constructor returned").containsExactlyInAnyOrder(1, 2, 3);
        r.cancel();
        assertThat(r.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads.awaitAllTerminated(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aThreadFactoryFailingPartWayLeavesNoThreadRunning() throws Exception {
        TrackingThreadFactory threads = tracking();
        AtomicInteger made = new AtomicInteger();
        java.util.concurrent.ThreadFactory failing = r -> {
            if (made.incrementAndGet() > 2) {
                throw new IllegalStateException("no more threads");
            }
            return threads.newThread(r);
        };
        StageSpec<Object, Object> id = StageSpec.<Object, Object>of("id", (x, c) -> x).withParallelism(3);
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(id, PatternOptions.builder().threadFactory(failing)
                .build()), x -> { })).hasMessageContaining("no more threads");
        assertThat(threads.created()).isEqualTo(2);
        assertThat(threads.awaitAllTerminated(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void badWaitValueNamesTheOptionAndTheValidValues() {
        PatternOptions bad = PatternOptions.builder().engineOption(DisruptorEngine.WAIT, "spin").build();
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(StageSpec.of("x", (x, c) -> x), bad), x -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disruptor.wait").hasMessageContaining("blocking, parking, sleeping, yielding, busyspin");
    }

    @Test
    void foundThroughTheServiceLoader() {
        Engine found = Engines.byName("disruptor");
        assertThat(found).isInstanceOf(DisruptorEngine.class);
        assertThat(found.options()).singleElement().satisfies(o -> assertThat(o.synopsis())
                .isEqualTo("disruptor.wait=auto|blocking|parking|sleeping|yielding|busyspin"));
    }
}
