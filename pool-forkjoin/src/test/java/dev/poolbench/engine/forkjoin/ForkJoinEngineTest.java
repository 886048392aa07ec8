package dev.poolbench.engine.forkjoin;

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
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests of what is specific to the forkjoin engine: admission bound independent of the pool's
 * compensation threads, blocking stages with and without the hint, thread factories and names,
 * the engine option, and no thread left after close or cancel. Time bounds are liveness bounds.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ForkJoinEngineTest {

    private final Engine engine = new ForkJoinEngine();

    private static TrackingThreadFactory tracking() {
        return new TrackingThreadFactory(Thread.ofPlatform().name("fj-test-plain-", 0).factory(), "fj-test-worker-");
    }

    private static PatternOptions.Builder opts(TrackingThreadFactory f) {
        return PatternOptions.builder().threadFactory(f);
    }

    /** A sink that records outputs; its calls must never overlap. */
    private static final class Recorder<O> implements Sink<O> {
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

    private static void assertSettled(Running<?> r, long accepted) {
        PatternStats s = r.stats();
        assertThat(s.accepted()).isEqualTo(accepted);
        assertThat(s.inFlight()).isZero();
        assertThat(s.completed()).isEqualTo(accepted);
    }

    @Test
    void isFoundByServiceLoaderAndDeclaresAsyncOption() {
        assertThat(Engines.byName("forkjoin")).isInstanceOf(ForkJoinEngine.class);
        assertThat(engine.options()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("forkjoin.async");
            assertThat(o.values()).containsExactly("true", "false");
        });
    }

    @Test
    void workerPoolSmokeWithBothAsyncModes() throws Exception {
        for (String async : List.of("true", "false")) {
            TrackingThreadFactory f = tracking();
            Recorder<Integer> sink = new Recorder<>();
            Running<Integer> r = engine.workerPool(WorkerPool.of(
                    StageSpec.<Integer, Integer>of("double", (x, c) -> x % 10 == 0 ? null : x * 2)
                            .withParallelism(4).withBuffer(16),
                    opts(f).engineOption("forkjoin.async", async).build()), sink);
            for (int i = 0; i < 10_000; i++) {
                r.submit(i);
            }
            r.close();
            assertThat(sink.outputs).hasSize(9_000);
            assertThat(sink.outputs.stream().mapToLong(Integer::longValue).sum())
                    .isEqualTo(2L * (49_995_000L - 4_995_000L));
            assertThat(sink.overlapped).isFalse();
            assertSettled(r, 10_000);
            assertThat(r.stats().filtered()).isEqualTo(1_000);
            assertThat(r.isTerminated()).isTrue();
            assertThat(f.alive()).isEmpty();
        }
    }

    @Test
    void orderedPipelineWithBufferOneKeepsAcceptanceOrderAndGaps() throws Exception {
        Recorder<Integer> sink = new Recorder<>();
        StageSpec<Integer, Integer> s1 = StageSpec.<Integer, Integer>of("jitter", (x, c) -> {
            if (x % 7 == 0) {
                Thread.sleep(1);
            }
            return x;
        }).withParallelism(4).withBuffer(1);
        StageSpec<Integer, Integer> s2 = StageSpec.<Integer, Integer>of("drop-odd", (x, c) -> x % 2 == 1 ? null : x)
                .withParallelism(3).withBuffer(1);
        Running<Integer> r = engine.pipeline(Pipeline.first(s1).then(s2).then(
                        StageSpec.<Integer, Integer>of("id", (x, c) -> x).withParallelism(2).withBuffer(1))
                .build(PatternOptions.builder().ordering(Ordering.ORDERED).build()), sink);
        for (int i = 0; i < 2_000; i++) {
            r.submit(i);
        }
        r.close();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i += 2) {
            expected.add(i);
        }
        assertThat(sink.outputs).containsExactlyElementsOf(expected);
        assertSettled(r, 2_000);
    }

    /** A stage that counts, per key, how many calls of it run at once. */
    private static StageSpec<int[], int[]> exclusive(String name, AtomicInteger violations) {
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        return StageSpec.<int[], int[]>of(name, (x, c) -> {
            AtomicInteger n = running.computeIfAbsent(x[0], k -> new AtomicInteger());
            if (n.incrementAndGet() != 1) {
                violations.incrementAndGet();
            }
            if (x[1] % 13 == 0) {
                Thread.sleep(0, 200_000);
            }
            n.decrementAndGet();
            return x;
        });
    }

    @Test
    void keyedPipelineNeverRunsEqualKeysConcurrentlyAndKeepsTheirOrder() throws Exception {
        AtomicInteger violations = new AtomicInteger();
        StageSpec<int[], int[]> stage = exclusive("first", violations).withParallelism(4).withBuffer(8);
        StageSpec<int[], int[]> second = exclusive("second", violations).withParallelism(3).withBuffer(2);
        Recorder<int[]> sink = new Recorder<>();
        Running<int[]> r = engine.pipeline(Pipeline.first(stage).then(second)
                .build(PatternOptions.builder().ordering(Ordering.<int[]>keyed(x -> x[0])).build()), sink);
        for (int i = 0; i < 3_000; i++) {
            r.submit(new int[] {i % 5, i});
        }
        r.close();
        assertThat(violations.get()).isZero();
        int[] last = {-1, -1, -1, -1, -1};
        for (int[] x : sink.outputs) {
            assertThat(x[1]).isGreaterThan(last[x[0]]);
            last[x[0]] = x[1];
        }
        assertThat(sink.outputs).hasSize(3_000);
    }

    @Test
    void fanOutWithCombinerFoldsWithRecursiveTask() throws Exception {
        Recorder<Long> sink = new Recorder<>();
        Running<Integer> r = engine.fanOut(FanOut.of(
                        StageSpec.<Integer, Integer>of("square", (x, c) -> x * x).withParallelism(5).withBuffer(4),
                        PatternOptions.DEFAULTS),
                Combiner.<Integer, Long>of(() -> 0L, (a, x) -> a + x, Long::sum), sink);
        long expected = 0;
        for (int i = 0; i < 1_000; i++) {
            r.submit(i);
            expected += (long) i * i;
        }
        r.close();
        assertThat(sink.outputs).containsExactly(expected);
        assertThat(r.stats().outputs()).isEqualTo(1_000);
    }

    @Test
    void mergeOfThreeOrderedFollowsGlobalAcceptanceOrder() throws Exception {
        Recorder<Integer> sink = new Recorder<>();
        RunningMerge<Integer> m = engine.merge(Merge.of(3,
                StageSpec.<Integer, Integer>of("id", (x, c) -> x).withParallelism(2).withBuffer(2),
                PatternOptions.builder().ordering(Ordering.ORDERED).build()), sink);
        for (int i = 0; i < 900; i++) {
            m.input(i % 3).submit(i);
        }
        m.input(0).close();
        m.input(1).close();
        assertThat(m.awaitTermination(100, TimeUnit.MILLISECONDS)).isFalse(); // input 2 still open
        m.close();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            expected.add(i);
        }
        assertThat(sink.outputs).containsExactlyElementsOf(expected);
    }

    @Test
    void blockingStageWithHintAndParallelismTwoCompletes100BlockedItemsWithinItsBound() throws Exception {
        TrackingThreadFactory f = tracking();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Recorder<Integer> sink = new Recorder<>();
        Running<Integer> r = engine.workerPool(WorkerPool.of(
                StageSpec.<Integer, Integer>of("rpc", (x, c) -> {
                    peak.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                    try {
                        release.await();
                        Thread.sleep(1);
                    } finally {
                        concurrent.decrementAndGet();
                    }
                    return x;
                }).withParallelism(2).withBuffer(98).withBlocking(true), opts(f).build()), sink);
        for (int i = 0; i < 100; i++) {
            r.submit(i); // 2 run and block, 98 wait in the buffer: all accepted
        }
        assertThat(r.stats().accepted()).isEqualTo(100);
        assertThat(r.offer(100, 50, TimeUnit.MILLISECONDS)).isFalse(); // the bound is 98 + 2
        release.countDown();
        r.close();
        assertThat(sink.outputs).hasSize(100);
        assertThat(peak.get()).isLessThanOrEqualTo(2);
        assertThat(f.alive()).isEmpty();
    }

    @Test
    void blockingStageWithoutHintDoesNotDeadlock() throws Exception {
        // Without the hint a blocked stage just occupies pool workers it was sized for (the pool has
        // Σ parallelism workers and each stage admits at most its parallelism), so other stages and
        // the fan-in keep their workers and the pattern drains when the blocking calls return.
        TrackingThreadFactory f = tracking();
        CountDownLatch release = new CountDownLatch(1);
        Recorder<Integer> sink = new Recorder<>();
        StageSpec<Integer, Integer> blocker = StageSpec.<Integer, Integer>of("blocks", (x, c) -> {
            release.await();
            return x;
        }).withParallelism(2).withBuffer(4);
        StageSpec<Integer, Integer> after = StageSpec.<Integer, Integer>of("after", (x, c) -> x + 1)
                .withParallelism(1).withBuffer(1);
        Running<Integer> r = engine.pipeline(Pipeline.first(
                        StageSpec.<Integer, Integer>of("before", (x, c) -> x).withParallelism(1).withBuffer(1))
                .then(blocker).then(after).build(opts(f).build()), sink);
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<?> fed = producer.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    r.submit(i);
                }
                return null;
            });
            Thread.sleep(100);
            assertThat(fed.isDone()).isFalse(); // backpressure while blocked
            release.countDown();
            fed.get(10, TimeUnit.SECONDS);
            r.close();
        } finally {
            producer.shutdownNow();
        }
        assertThat(sink.outputs).hasSize(100);
        assertThat(f.alive()).isEmpty();
    }

    @Test
    void boundIsBuffersPlusParallelismAcrossStages() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Running<Integer> r = engine.pipeline(Pipeline.first(
                        StageSpec.<Integer, Integer>of("a", (x, c) -> x).withParallelism(2).withBuffer(3))
                .then(StageSpec.<Integer, Integer>of("b", (x, c) -> {
                    release.await();
                    return x;
                }).withParallelism(1).withBuffer(2).withBlocking(true))
                .build(PatternOptions.DEFAULTS), x -> { });
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<?> fed = producer.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    r.submit(i);
                }
                return null;
            });
            // wait (liveness bound) until the instance is full: accepted stops growing
            long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long last = -1;
            long stableSince = System.nanoTime();
            while (System.nanoTime() - stableSince < TimeUnit.MILLISECONDS.toNanos(300) && System.nanoTime() < due) {
                long now = r.stats().accepted();
                if (now != last) {
                    last = now;
                    stableSince = System.nanoTime();
                }
                Thread.sleep(10);
            }
            assertThat(r.stats().accepted()).isEqualTo(3 + 2 + 2 + 1);
            assertThat(r.stats().inFlight()).isEqualTo(8);
            assertThat(fed.isDone()).isFalse();
            assertThat(r.offer(99, 20, TimeUnit.MILLISECONDS)).isFalse();
            release.countDown();
            fed.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            producer.shutdownNow();
        }
        r.close();
        assertSettled(r, 20);
        assertThat(r.stats().outputs()).isEqualTo(20);
    }

    @Test
    void cancelInterruptsBlockedWorkersWakesSubmittersAndLeavesNoThread() throws Exception {
        TrackingThreadFactory f = tracking();
        CountDownLatch started = new CountDownLatch(2);
        Running<Integer> r = engine.workerPool(WorkerPool.of(
                StageSpec.<Integer, Integer>of("sleep", (x, c) -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return x;
                }).withParallelism(2).withBuffer(2), opts(f).build()), x -> { });
        for (int i = 0; i < 4; i++) {
            r.submit(i);
        }
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ExecutorService producer = Executors.newSingleThreadExecutor();
        try {
            Future<?> blocked = producer.submit(() -> {
                r.submit(99);
                return null;
            });
            Thread.sleep(50);
            r.cancel();
            assertThatThrownBy(() -> blocked.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        } finally {
            producer.shutdownNow();
        }
        assertThat(r.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(f.alive()).isEmpty();
        assertThat(r.stats().cancelled()).isEqualTo(4);
        assertSettled(r, 4);
        assertThatThrownBy(() -> r.submit(1)).isInstanceOf(CancellationException.class);
        assertThatThrownBy(r::close).isInstanceOf(CancellationException.class);
    }

    @Test
    void stageIgnoringCancellationHoldsTerminationUntilItReturns() throws Exception {
        TrackingThreadFactory f = tracking();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger stop = new AtomicInteger();
        Running<Integer> r = engine.workerPool(WorkerPool.of(
                StageSpec.<Integer, Integer>of("spin", (x, c) -> {
                    started.countDown();
                    while (stop.get() == 0) {
                        Thread.onSpinWait();
                    }
                    return x;
                }), opts(f).build()), x -> { });
        r.submit(1);
        r.submit(2);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        r.cancel();
        assertThat(r.awaitTermination(200, TimeUnit.MILLISECONDS)).isFalse();
        stop.set(1);
        assertThat(r.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(f.alive()).isEmpty();
        assertSettled(r, 2);
        assertThat(r.stats().cancelled()).isEqualTo(2);
    }

    @Test
    void failFastReportsFirstFailureAndContinueGoesToSink() throws Exception {
        StageSpec<Integer, Integer> failing = StageSpec.<Integer, Integer>of("fail-on-7", (x, c) -> {
            if (x == 7) {
                throw new IllegalStateException("seven");
            }
            return x;
        }).withParallelism(2);
        Running<Integer> ff = engine.workerPool(WorkerPool.of(failing, PatternOptions.DEFAULTS), x -> { });
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1_000; i++) {
                ff.submit(i);
            }
        }).isInstanceOf(CancellationException.class);
        assertThatThrownBy(ff::close).isInstanceOf(PatternFailedException.class)
                .satisfies(e -> assertThat(((PatternFailedException) e).failure().stage()).isEqualTo("fail-on-7"));
        assertThat(ff.stats().failed()).isEqualTo(1);
        assertThat(ff.stats().inFlight()).isZero();

        Recorder<Integer> sink = new Recorder<>();
        Running<Integer> co = engine.workerPool(WorkerPool.of(failing,
                PatternOptions.builder().errors(ErrorPolicy.CONTINUE).build()), sink);
        for (int i = 0; i < 100; i++) {
            co.submit(i);
        }
        co.close();
        assertThat(sink.outputs).hasSize(99);
        assertThat(sink.failures).singleElement().satisfies(fl -> assertThat(fl.input()).isEqualTo(7));
        assertThat(sink.overlapped).isFalse();
    }

    @Test
    void plainThreadFactoryIsRejectedNamingTheOption() {
        PatternOptions o = PatternOptions.builder().threadFactory(Thread.ofPlatform().factory()).build();
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s", (x, c) -> x), o),
                x -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threadFactory")
                .hasMessageContaining("ForkJoinWorkerThreadFactory");
    }

    @Test
    void badEngineOptionIsRejectedWithValidValues() {
        PatternOptions o = PatternOptions.builder().engineOption("forkjoin.async", "maybe").build();
        assertThatThrownBy(() -> engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s", (x, c) -> x), o),
                x -> { })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forkjoin.async")
                .hasMessageContaining("true, false");
    }

    @Test
    void defaultWorkersAreNamedAfterEngineAndPatternAndEndAfterClose() throws Exception {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        Running<Integer> r = engine.fanOut(FanOut.of(StageSpec.<Integer, Integer>of("who", (x, c) -> {
            names.add(Thread.currentThread().getName());
            threads.add(Thread.currentThread());
            return x;
        }).withParallelism(3), PatternOptions.builder().deadline(Duration.ofMinutes(5)).build()), x -> { });
        for (int i = 0; i < 300; i++) {
            r.submit(i);
        }
        r.close();
        assertThat(names).allMatch(n -> n.matches("poolbench-forkjoin-fanout-\\d+"));
        for (Thread t : threads) {
            assertThat(t.isAlive()).isFalse();
        }
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith("poolbench-forkjoin-fanout-"));
    }

    @Test
    void deadlineCancelsWithTimeoutAndJoinsItsThread() throws Exception {
        TrackingThreadFactory f = tracking();
        Running<Integer> r = engine.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("slow", (x, c) -> {
            Thread.sleep(60_000);
            return x;
        }), opts(f).deadline(Duration.ofMillis(100)).build()), x -> { });
        r.submit(1);
        assertThatThrownBy(r::close).isInstanceOf(CancellationException.class)
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(f.alive()).isEmpty();
        assertThat(f.created()).isGreaterThanOrEqualTo(2); // the deadline watch and a worker
    }

    @Test
    void manyStartCancelRacesLeaveNoThread() throws Exception {
        TrackingThreadFactory f = tracking();
        for (int round = 0; round < 200; round++) {
            Running<Integer> r = engine.pipeline(Pipeline.first(
                            StageSpec.<Integer, Integer>of("a", (x, c) -> x).withParallelism(2).withBuffer(1))
                    .then(StageSpec.<Integer, Integer>of("b", (x, c) -> x).withBuffer(1))
                    .build(opts(f).ordering(round % 2 == 0 ? Ordering.ORDERED : Ordering.UNORDERED).build()),
                    x -> { });
            Thread canceller = new Thread(r::cancel);
            canceller.start();
            int accepted = 0;
            try {
                for (int i = 0; i < 50; i++) {
                    r.submit(i);
                    accepted++;
                }
            } catch (CancellationException expected) {
                // the race was lost by the producer
            }
            canceller.join();
            assertThat(r.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertSettled(r, accepted);
        }
        assertThat(f.alive()).isEmpty();
    }
}
