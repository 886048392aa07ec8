package dev.poolbench.engine.executor;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.FanOut;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 16: a Throwable raised by engine code of a fan-out lane task, outside the stage's own
 * catch (an OutOfMemoryError, say), must fail the instance fatally and release what the lane
 * holds, so that submitters and close() end instead of blocking forever. The fault is injected
 * through {@link ExecutorInstance#afterLaneStage}, a package-private test seam.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExecutorLaneFaultTest {

    /** A liveness bound (a hang guard), not a performance claim. */
    private static final long LIVE_S = 10;
    private static final int ITEMS = 200;
    private static final int FAULTY = 5;

    @ParameterizedTest(name = "combiner={0}")
    @ValueSource(booleans = {false, true})
    void anEngineErrorInALaneFailsTheInstanceAndReleasesItsSubmitters(boolean folding) throws Exception {
        TrackingThreadFactory f = new TrackingThreadFactory(Thread.ofPlatform().name("lane-fault-", 0).factory(),
                "lane-fault-fj-");
        StageSpec<Integer, Integer> stage = StageSpec.<Integer, Integer>of("pass", (i, c) -> i)
                .withParallelism(2).withBuffer(2);
        PatternOptions o = PatternOptions.builder().threadFactory(f).build();
        AtomicLong sunk = new AtomicLong();
        Sink<Object> sink = x -> sunk.incrementAndGet();
        ExecutorEngine engine = new ExecutorEngine();
        Running<Integer> fan = folding
                ? engine.fanOut(FanOut.of(stage, o), Combiner.<Integer, Long>of(() -> 0L, (a, x) -> a + x, Long::sum),
                sink)
                : engine.fanOut(FanOut.of(stage, o), sink);
        OutOfMemoryError injected = new OutOfMemoryError("injected into a lane's engine code");
        ((ExecutorInstance<?>) fan).afterLaneStage = input -> {
            if (input.equals(FAULTY)) {
                throw injected;
            }
        };
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < ITEMS; i++) {
                    fan.submit(i);
                }
            } catch (CancellationException expected) {
                // the fault failed the instance: later submits are refused
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        try {
            feed.get(LIVE_S, TimeUnit.SECONDS);
        } catch (TimeoutException hang) {
            fan.cancel();
            fail("the submitter was still blocked after %d s: the lane's slots were never released", LIVE_S);
        } catch (ExecutionException e) {
            throw new AssertionError("the submitter failed unexpectedly", e.getCause());
        }
        CompletableFuture<Throwable> closed = CompletableFuture.supplyAsync(() -> {
            try {
                fan.close();
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        Throwable outcome;
        try {
            outcome = closed.get(LIVE_S, TimeUnit.SECONDS);
        } catch (TimeoutException hang) {
            fan.cancel();
            fail("close() was still waiting after %d s", LIVE_S);
            return;
        }
        assertThat(outcome).as("close() rethrows the engine's Error").isSameAs(injected);
        assertThat(fan.isTerminated()).isTrue();
        assertThat(f.alive()).as("no engine thread outlives close()").isEmpty();
        PatternStats st = fan.stats();
        assertThat(st.inFlight()).isZero();
        assertThat(st.outputs() + st.filtered() + st.failed() + st.cancelled())
                .as("every accepted item ended once: %s", st).isEqualTo(st.accepted());
        assertThat(folding ? 0 : sunk.get()).as("no more outputs reached the sink than were counted")
                .isLessThanOrEqualTo(st.outputs());
    }
}
