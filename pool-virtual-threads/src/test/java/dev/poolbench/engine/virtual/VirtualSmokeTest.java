package dev.poolbench.engine.virtual;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.FanOut;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A smoke test of every pattern and option of the virtual engine in both modes: outputs,
 * ordering, error policies and outcome counts, against what the contract says.
 */
@Timeout(60)
class VirtualSmokeTest {

    private static Engine engine(VirtualMode mode) {
        return new VirtualEngine(mode);
    }

    /** Collects outputs; fails the test if called concurrently. */
    static final class Recorder<T> implements Sink<T> {
        final List<T> outputs = Collections.synchronizedList(new ArrayList<>());
        final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger inside = new AtomicInteger();
        volatile boolean concurrent;

        @Override
        public void onOutput(T output) {
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
                concurrent = true;
            }
            if (ThreadLocalRandom.current().nextInt(8) == 0) {
                Thread.yield();
            }
        }
    }

    private static void jitter() {
        if (ThreadLocalRandom.current().nextInt(4) == 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(20_000));
        }
    }

    @Test
    void registeredThroughServiceLoaderWithItsOption() {
        Engine e = Engines.byName("virtual");
        assertThat(e).isInstanceOf(VirtualEngine.class);
        assertThat(e.options()).singleElement().satisfies(o -> {
            assertThat(o.key()).isEqualTo("virtual.mode");
            assertThat(o.values()).containsExactly("per-task", "workers");
            assertThat(o.defaultValue()).isEqualTo("per-task");
        });
        assertThat(new VirtualEngine(VirtualMode.WORKERS).options().get(0).defaultValue()).isEqualTo("workers");
        PatternOptions bad = PatternOptions.builder().engineOption("virtual.mode", "pooled").build();
        assertThatThrownBy(() -> e.workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s", (x, c) -> x), bad),
                x -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("virtual.mode").hasMessageContaining("per-task").hasMessageContaining("workers");
    }

    @Test
    void engineOptionOverridesTheConstructorDefault() throws Exception {
        Recorder<String> sink = new Recorder<>();
        PatternOptions o = PatternOptions.builder().engineOption("virtual.mode", "workers").build();
        try (Running<Integer> r = new VirtualEngine().workerPool(
                WorkerPool.of(StageSpec.<Integer, String>of("name", (x, c) -> Thread.currentThread().getName()), o),
                sink)) {
            r.submit(1);
        }
        assertThat(sink.outputs).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("poolbench-virtual-pool-");
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void workerPoolUnorderedGivesEveryOutputOnce(VirtualMode mode) throws Exception {
        Recorder<Integer> sink = new Recorder<>();
        StageSpec<Integer, Integer> st = StageSpec.<Integer, Integer>of("double", (x, c) -> {
            jitter();
            return x % 7 == 0 ? null : 2 * x;
        }).withParallelism(4).withBuffer(3);
        Running<Integer> r = engine(mode).workerPool(WorkerPool.of(st, PatternOptions.DEFAULTS), sink);
        for (int i = 0; i < 2000; i++) {
            r.submit(i);
        }
        r.close();
        assertThat(sink.concurrent).isFalse();
        assertThat(sink.outputs).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 2000).filter(i -> i % 7 != 0).map(i -> 2 * i).boxed().toList());
        PatternStats s = r.stats();
        assertThat(s.accepted()).isEqualTo(2000);
        assertThat(s.filtered()).isEqualTo(286);
        assertThat(s.inFlight()).isZero();
        assertThat(s.effectiveBuffers()).containsExactly(3);
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void pipelineOrderedKeepsAcceptanceOrderWithGaps(VirtualMode mode) throws Exception {
        Recorder<Integer> sink = new Recorder<>();
        Pipeline<Integer, Integer> p = Pipeline.first(StageSpec.<Integer, Integer>of("a", (x, c) -> {
                    jitter();
                    return x + 1;
                }).withParallelism(3).withBuffer(2))
                .then(StageSpec.<Integer, Integer>of("b", (x, c) -> {
                    jitter();
                    return x % 5 == 0 ? null : x;
                }).withParallelism(5).withBuffer(1))
                .then(StageSpec.<Integer, Integer>of("c", (x, c) -> x * 10).withParallelism(2).withBuffer(4))
                .build(PatternOptions.builder().ordering(Ordering.ORDERED).build());
        Running<Integer> r = engine(mode).pipeline(p, sink);
        for (int i = 0; i < 1500; i++) {
            r.submit(i);
        }
        r.close();
        assertThat(sink.outputs).containsExactlyElementsOf(
                IntStream.range(0, 1500).map(i -> i + 1).filter(x -> x % 5 != 0).map(x -> x * 10).boxed().toList());
        assertThat(r.stats().filtered()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void keyedNeverRunsEqualKeysConcurrentlyAndKeepsTheirOrder(VirtualMode mode) throws Exception {
        Recorder<int[]> sink = new Recorder<>();
        AtomicInteger overlaps = new AtomicInteger();
        Pipeline<int[], int[]> p = Pipeline.first(keyedStage("k1", overlaps).withParallelism(8).withBuffer(4))
                .then(keyedStage("k2", overlaps).withParallelism(3).withBuffer(1))
                .build(PatternOptions.builder().ordering(Ordering.<int[]>keyed(x -> x[0])).build());
        Running<int[]> r = engine(mode).pipeline(p, sink);
        Thread[] producers = new Thread[4];
        for (int t = 0; t < producers.length; t++) {
            int base = t;
            producers[t] = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 500; i++) {
                        r.submit(new int[]{(base * 7 + i) % 10, base, i});
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        for (Thread t : producers) {
            t.join();
        }
        r.close();
        assertThat(overlaps.get()).isZero();
        assertThat(sink.outputs).hasSize(2000);
        // per (key, producer) the sequence numbers arrive in submission order
        Map<Long, Integer> last = new HashMap<>();
        for (int[] o : sink.outputs) {
            long k = o[0] * 100L + o[1];
            Integer before = last.put(k, o[2]);
            assertThat(before == null || before < o[2]).as("order of key %d", k).isTrue();
        }
    }

    /** A stage that counts, per key, calls that overlap another call with the same key in this stage. */
    private static StageSpec<int[], int[]> keyedStage(String name, AtomicInteger overlaps) {
        Map<Integer, AtomicInteger> running = new ConcurrentHashMap<>();
        return StageSpec.<int[], int[]>of(name, (x, c) -> {
            AtomicInteger n = running.computeIfAbsent(x[0], k -> new AtomicInteger());
            if (n.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            jitter();
            n.decrementAndGet();
            return x;
        });
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void fanOutWithCombinerGivesOneAggregate(VirtualMode mode) throws Exception {
        Recorder<Long> sink = new Recorder<>();
        FanOut<Integer, Integer> f = FanOut.of(StageSpec.<Integer, Integer>of("sq", (x, c) -> x)
                .withParallelism(5).withBuffer(2), PatternOptions.DEFAULTS);
        Running<Integer> r = engine(mode).fanOut(f, Combiner.<Integer, Long>of(() -> 0L, (a, x) -> a + x, Long::sum),
                sink);
        for (int i = 1; i <= 1000; i++) {
            r.submit(i);
        }
        r.close();
        assertThat(sink.outputs).containsExactly(500_500L);
        assertThat(r.stats().effectiveBuffers()).containsExactly(2, 2, 2, 2, 2);
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void mergeOfThreeEndsWhenAllInputsAreClosed(VirtualMode mode) throws Exception {
        Recorder<Integer> sink = new Recorder<>();
        RunningMerge<Integer> m = engine(mode).merge(Merge.of(3, StageSpec.<Integer, Integer>of("id", (x, c) -> x)
                .withParallelism(2).withBuffer(2), PatternOptions.builder().ordering(Ordering.ORDERED).build()), sink);
        for (int i = 0; i < 300; i++) {
            m.input(i % 3).submit(i);
        }
        m.input(0).close();
        m.input(1).close();
        assertThat(m.isTerminated()).isFalse();
        assertThatThrownBy(() -> m.input(0).submit(1)).isInstanceOf(IllegalStateException.class);
        m.input(2).submit(300);
        m.close();
        assertThat(sink.outputs).containsExactlyElementsOf(IntStream.rangeClosed(0, 300).boxed().toList());
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void continueSendsFailuresToTheSinkAndFailFastReportsTheFirst(VirtualMode mode) throws Exception {
        StageSpec<Integer, Integer> st = StageSpec.<Integer, Integer>of("boom", (x, c) -> {
            if (x % 10 == 3) {
                throw new IllegalArgumentException("bad " + x);
            }
            return x;
        }).withParallelism(3);
        Recorder<Integer> sink = new Recorder<>();
        Running<Integer> r = engine(mode).workerPool(WorkerPool.of(st,
                PatternOptions.builder().errors(ErrorPolicy.CONTINUE).build()), sink);
        for (int i = 0; i < 100; i++) {
            r.submit(i);
        }
        r.close();
        assertThat(sink.outputs).hasSize(90);
        assertThat(sink.failures).hasSize(10).allSatisfy(f -> assertThat(f.stage()).isEqualTo("boom"));
        assertThat(r.stats().failed()).isEqualTo(10);

        Recorder<Integer> sink2 = new Recorder<>();
        Running<Integer> ff = engine(mode).workerPool(WorkerPool.of(st, PatternOptions.DEFAULTS), sink2);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                ff.submit(i);
            }
        }).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThatThrownBy(ff::close).isInstanceOf(PatternFailedException.class)
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        PatternStats s = ff.stats();
        assertThat(s.accepted()).isEqualTo(s.completed());
        assertThat(s.failed()).isGreaterThanOrEqualTo(1);
        assertThat(sink2.failures).isEmpty();
    }
}
