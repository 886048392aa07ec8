package dev.poolbench.engine.virtual;

import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's race in the termination decision: a submitter that has passed the open check but
 * not yet handed its item over while a cancel or the last close terminates the instance. Read in
 * the wrong order, the old decision could terminate under such a submitter, which then started a
 * thread after termination (a leak) and had its item counted cancelled twice. The seam
 * ({@link VirtualInstance#beforeHandOver}, package-private) holds a submitter exactly there.
 */
@Timeout(60)
class TerminationRaceTest {
    private static final long LIVE_S = 5;

    /** A submitter paused after its open check keeps the instance from terminating under a cancel. */
    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void cancelWhileASubmitterIsBetweenItsOpenCheckAndTheHandOver(VirtualMode mode) throws Exception {
        TrackingThreadFactory factory = tracking();
        Running<Integer> r = new VirtualEngine(mode).workerPool(WorkerPool.of(
                StageSpec.<Integer, Integer>of("s", (x, c) -> x), options(factory)), x -> { });
        Paused paused = pause((VirtualInstance<?>) r);
        Thread submitter = Thread.ofPlatform().start(paused.run(() -> r.submit(1)));
        assertThat(paused.reached.await(LIVE_S, TimeUnit.SECONDS)).as("the submitter reached the seam").isTrue();

        r.cancel();
        assertThat(r.awaitTermination(100, TimeUnit.MILLISECONDS))
                .as("terminated while a submitter was inside, past its open check").isFalse();

        paused.go.countDown();
        assertThat(submitter.join(java.time.Duration.ofSeconds(LIVE_S))).isTrue();
        assertEndedOnce(r.awaitTermination(LIVE_S, TimeUnit.SECONDS), r.stats(), factory, paused.thrown.get());
    }

    /** Likewise when the last input closes: the paused item is still delivered, once. */
    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void lastCloseWhileASubmitterIsBetweenItsOpenCheckAndTheHandOver(VirtualMode mode) throws Exception {
        TrackingThreadFactory factory = tracking();
        AtomicInteger outputs = new AtomicInteger();
        RunningMerge<Integer> m = new VirtualEngine(mode).merge(Merge.of(2,
                StageSpec.<Integer, Integer>of("s", (x, c) -> x), options(factory)), x -> outputs.incrementAndGet());
        Paused paused = pause((VirtualInstance<?>) m);
        Thread submitter = Thread.ofPlatform().start(paused.run(() -> m.input(0).submit(1)));
        assertThat(paused.reached.await(LIVE_S, TimeUnit.SECONDS)).isTrue();

        m.input(1).close();
        Thread closer = Thread.ofPlatform().start(m.input(0)::close); // the last input
        assertThat(m.awaitTermination(100, TimeUnit.MILLISECONDS))
                .as("terminated while a submitter was inside, past its open check").isFalse();

        paused.go.countDown();
        assertThat(submitter.join(java.time.Duration.ofSeconds(LIVE_S))).isTrue();
        assertThat(closer.join(java.time.Duration.ofSeconds(LIVE_S))).isTrue();
        assertEndedOnce(m.awaitTermination(LIVE_S, TimeUnit.SECONDS), m.stats(), factory, paused.thrown.get());
        assertThat(paused.thrown.get()).as("the paused submit").isNull();
        assertThat(outputs.get()).as("the paused item, delivered once").isEqualTo(1);
    }

    /**
     * The same race without a seam: producers submit while a cancel lands at a random moment;
     * every round must end with every accepted item counted once and no thread alive.
     */
    @ParameterizedTest
    @EnumSource(VirtualMode.class)
    void randomCancelsAmongSubmittersCountEveryItemOnceAndLeakNothing(VirtualMode mode) throws Exception {
        for (int round = 0; round < 300; round++) {
            TrackingThreadFactory factory = tracking();
            Running<Integer> r = new VirtualEngine(mode).workerPool(WorkerPool.of(
                    StageSpec.<Integer, Integer>of("s", (x, c) -> x).withParallelism(2).withBuffer(2),
                    options(factory)), x -> { });
            List<Thread> producers = List.of(producer(r), producer(r));
            long spin = ThreadLocalRandom.current().nextLong(200_000);
            long until = System.nanoTime() + spin;
            while (System.nanoTime() - until < 0) {
                Thread.onSpinWait();
            }
            r.cancel();
            for (Thread p : producers) {
                assertThat(p.join(java.time.Duration.ofSeconds(LIVE_S))).isTrue();
            }
            assertEndedOnce(r.awaitTermination(LIVE_S, TimeUnit.SECONDS), r.stats(), factory, null);
        }
    }

    private static Thread producer(Running<Integer> r) {
        return Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 1_000; i++) {
                    r.submit(i);
                }
            } catch (CancellationException | InterruptedException e) {
                // the cancel won
            }
        });
    }

    private static void assertEndedOnce(boolean terminated, PatternStats st, TrackingThreadFactory factory,
                                        Throwable submitThrew) {
        assertThat(terminated).as("terminated").isTrue();
        assertThat(factory.alive()).as("threads of the factory alive after termination").isEmpty();
        assertThat(st.inFlight()).as("in flight after termination: %s", st).isZero();
        assertThat(st.accepted()).as("accepted = outputs + filtered + failed + cancelled: %s", st)
                .isEqualTo(st.completed());
        if (submitThrew != null) {
            assertThat(submitThrew).isInstanceOf(CancellationException.class);
        }
    }

    private static TrackingThreadFactory tracking() {
        return new TrackingThreadFactory(Thread.ofVirtual().name("race-", 0).factory(), "fj-");
    }

    private static PatternOptions options(TrackingThreadFactory factory) {
        return PatternOptions.builder().threadFactory(factory).build();
    }

    /** A submitter held at the seam until {@code go}; {@code thrown} is what its submit threw. */
    private record Paused(CountDownLatch reached, CountDownLatch go, AtomicReference<Throwable> thrown) {
        Runnable run(Submit body) {
            return () -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            };
        }
    }

    private interface Submit {
        void run() throws Exception;
    }

    private static Paused pause(VirtualInstance<?> instance) {
        Paused p = new Paused(new CountDownLatch(1), new CountDownLatch(1), new AtomicReference<>());
        AtomicInteger once = new AtomicInteger();
        instance.beforeHandOver(() -> {
            if (once.getAndIncrement() == 0) {
                p.reached.countDown();
                try {
                    p.go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        return p;
    }
}
