package dev.poolbench.engine.virtual;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.Engine;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.Merge;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What is specific to the virtual engine: 10,000 concurrently blocked items at parallelism
 * 10,000 in bounded memory, thread names, every thread (seen through the thread factory) ended
 * after close and after cancel in every pattern and both modes, and submitters blocked on a
 * full instance woken by cancel.
 */
@Timeout(120)
class VirtualEngineSpecificTest {

    private static final long LIVE_S = 10;

    @Test
    void defaultThreadFactoryMakesNamedVirtualThreads() throws Exception {
        Engine e = new VirtualEngine();
        for (PatternKind kind : PatternKind.values()) {
            Thread t = e.defaultThreadFactory(kind).newThread(() -> { });
            assertThat(t.isVirtual()).isTrue();
            assertThat(t.getName()).isEqualTo("poolbench-virtual-" + kind.shortName() + "-0");
        }
        AtomicReference<Thread> seen = new AtomicReference<>();
        try (Running<Integer> r = e.pipeline(Pipeline.first(StageSpec.<Integer, Integer>of("s", (x, c) -> {
            seen.set(Thread.currentThread());
            return x;
        })).build(PatternOptions.DEFAULTS), x -> { })) {
            r.submit(1);
        }
        assertThat(seen.get().isVirtual()).isTrue();
        assertThat(seen.get().getName()).startsWith("poolbench-virtual-pipeline-");
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void tenThousandBlockedItemsAtParallelismTenThousandInBoundedMemory(VirtualMode mode) throws Exception {
        int n = 10_000;
        TrackingThreadFactory factory = new TrackingThreadFactory(Thread.ofVirtual().name("t-", 0).factory(), "fj-");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        AtomicInteger outputs = new AtomicInteger();
        StageSpec<Integer, Integer> st = StageSpec.<Integer, Integer>of("rpc", (x, c) -> {
            blocked.incrementAndGet();
            release.await();
            return x;
        }).withParallelism(n).withBuffer(16).withBlocking(true);
        System.gc();
        long heapBefore = usedHeap();
        Running<Integer> r = new VirtualEngine(mode).workerPool(WorkerPool.of(st,
                PatternOptions.builder().threadFactory(factory).build()), x -> outputs.incrementAndGet());
        for (int i = 0; i < n; i++) {
            r.submit(i);
        }
        long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
        while (blocked.get() < n && System.nanoTime() < due) {
            Thread.sleep(5);
        }
        assertThat(blocked.get()).as("items blocked in the stage at once").isEqualTo(n);
        PatternStats s = r.stats();
        assertThat(s.inFlight()).isEqualTo(n);
        // bounded memory: one virtual thread per running item (a few KB each), far from a platform stack each
        long grown = usedHeap() - heapBefore;
        assertThat(grown).as("heap growth with %d blocked virtual threads", n).isLessThan(256L << 20);
        assertThat(factory.live()).isLessThanOrEqualTo(n + 16 + 1);
        release.countDown();
        r.close();
        assertThat(outputs.get()).isEqualTo(n);
        assertThat(factory.alive()).isEmpty();
        assertThat(factory.peakLive()).isBetween(n, n + 16 + 1);
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- every thread ends, after close and after cancel, in every pattern ------------------------

    enum Shape { POOL, PIPELINE, FAN_OUT, FAN_OUT_COMBINER, MERGE }

    static Stream<Arguments> shapesAndModes() {
        return Stream.of(Shape.values()).flatMap(s -> Stream.of(VirtualMode.values()).flatMap(m ->
                Stream.of(Ordering.UNORDERED, Ordering.ORDERED, Ordering.<Integer>keyed(x -> x % 3))
                        .map(o -> Arguments.of(s, m, o))));
    }

    /** A started instance of one shape; submit goes to input {@code i % k} for a merge. */
    private record Instance(Lifecycle lifecycle, BiFunction<Integer, Integer, Boolean> offer) {
        void submit(int i) throws InterruptedException {
            if (!offer.apply(i, i)) {
                throw new AssertionError("offer timed out");
            }
        }
    }

    private static Instance start(Shape shape, VirtualMode mode, Ordering ordering, TrackingThreadFactory factory,
                                  Stage<Integer, Integer> fn) {
        Engine e = new VirtualEngine(mode);
        PatternOptions o = PatternOptions.builder().ordering(ordering).threadFactory(factory)
                .deadline(Duration.ofMinutes(5)).build();
        StageSpec<Integer, Integer> st = StageSpec.<Integer, Integer>of("s", fn).withParallelism(3).withBuffer(2);
        return switch (shape) {
            case POOL -> running(e.workerPool(WorkerPool.of(st, o), x -> { }));
            case PIPELINE -> running(e.pipeline(Pipeline.first(st).then(st.withParallelism(2)).build(o), x -> { }));
            case FAN_OUT -> running(e.fanOut(FanOut.of(st, o), x -> { }));
            case FAN_OUT_COMBINER -> running(e.fanOut(FanOut.of(st, o),
                    Combiner.<Integer, Long>of(() -> 0L, (a, x) -> a + x, Long::sum), x -> { }));
            case MERGE -> {
                RunningMerge<Integer> m = e.merge(Merge.of(3, st, o), x -> { });
                yield new Instance(m, (i, item) -> offer(m.input(i % 3)::offer, item));
            }
        };
    }

    private interface Offer {
        boolean offer(Integer item, long timeout, TimeUnit unit) throws InterruptedException;
    }

    private static boolean offer(Offer o, Integer item) {
        try {
            return o.offer(item, LIVE_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instance running(Running<Integer> r) {
        return new Instance(r, (i, item) -> offer(r::offer, item));
    }

    @ParameterizedTest
    @MethodSource("shapesAndModes")
    void everyThreadEndsAfterClose(Shape shape, VirtualMode mode, Ordering ordering) throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory(Thread.ofVirtual().factory(), "fj-");
        Instance in = start(shape, mode, ordering, factory, (x, c) -> x);
        for (int i = 0; i < 200; i++) {
            in.submit(i);
        }
        in.lifecycle().close();
        assertThat(factory.created()).isGreaterThan(0);
        assertThat(factory.alive()).as("threads alive after close").isEmpty();
        assertThat(factory.live()).isZero();
        assertThat(in.lifecycle().stats().inFlight()).isZero();
        assertThat(in.lifecycle().stats().accepted()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("shapesAndModes")
    void everyThreadEndsAfterCancelWhileStagesBlock(Shape shape, VirtualMode mode, Ordering ordering)
            throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory(Thread.ofVirtual().factory(), "fj-");
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        Instance in = start(shape, mode, ordering, factory, (x, c) -> {
            entered.incrementAndGet();
            never.await();
            return x;
        });
        for (int i = 0; i < 4; i++) { // within every shape's bound (a worker pool's is 3 + 2)
            in.submit(i);
        }
        long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
        while (entered.get() == 0 && System.nanoTime() < due) {
            Thread.sleep(1);
        }
        assertThat(entered.get()).isPositive();
        in.lifecycle().cancel();
        assertThat(in.lifecycle().awaitTermination(LIVE_S, TimeUnit.SECONDS)).isTrue();
        assertThat(factory.alive()).as("threads alive after cancel").isEmpty();
        PatternStats s = in.lifecycle().stats();
        assertThat(s.inFlight()).isZero();
        assertThat(s.cancelled()).isEqualTo(s.accepted());
        assertThatThrownBy(() -> in.lifecycle().close()).isInstanceOf(CancellationException.class);
    }

    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void cancelWakesSubmittersBlockedOnAFullInstance(VirtualMode mode) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Running<Integer> r = new VirtualEngine(mode).workerPool(WorkerPool.of(StageSpec.<Integer, Integer>of("s",
                (x, c) -> {
                    never.await();
                    return x;
                }).withParallelism(2).withBuffer(3), PatternOptions.builder().ordering(Ordering.ORDERED).build()),
                x -> { });
        for (int i = 0; i < 5; i++) {
            r.submit(i);
        }
        assertThat(r.offer(99, 20, TimeUnit.MILLISECONDS)).as("bound reached").isFalse();
        assertThat(r.stats().inFlight()).isEqualTo(5);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<Thread> submitters = Stream.of(1, 2, 3).map(i -> Thread.ofPlatform().start(() -> {
            try {
                r.submit(100 + i);
            } catch (Throwable t) {
                thrown.compareAndSet(null, t);
            }
        })).toList();
        Thread.sleep(50);
        assertThat(submitters).allMatch(Thread::isAlive);
        r.cancel();
        for (Thread t : submitters) {
            assertThat(t.join(Duration.ofSeconds(LIVE_S))).isTrue();
        }
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(r.awaitTermination(LIVE_S, TimeUnit.SECONDS)).isTrue();
        assertThat(r.stats().cancelled()).isEqualTo(5);
    }
}
