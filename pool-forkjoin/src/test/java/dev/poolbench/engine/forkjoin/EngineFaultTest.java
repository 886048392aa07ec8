package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.PatternFailedException;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A Throwable thrown by engine code outside the catch around user stages (through the
 * {@link Scheduling.HandOnProbe} seam, before a hand-on) must not vanish into an unjoined fork-join
 * task: it fails the instance fatally — an Error as itself, under either error policy — and the
 * item in hand is counted, so {@code close()} terminates with nothing in flight and no thread left.
 * The bound on {@code close()} is a liveness bound: without the drain's outer catch it hangs.
 */
class EngineFaultTest {

    private static final int INJECT_AT = 17;

    static Stream<Arguments> faults() {
        return Stream.of(ErrorPolicy.FAIL_FAST, ErrorPolicy.CONTINUE).flatMap(policy -> Stream.of(
                Arguments.of(policy, new AssertionError("injected engine Error")),
                Arguments.of(policy, new IllegalStateException("injected engine exception"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("faults")
    void aThrowableOutsideTheStageCatchFailsTheInstanceAndCloseTerminates(ErrorPolicy policy, Throwable injected)
            throws Exception {
        ForkJoinEngine engine = new ForkJoinEngine(value -> {
            if (value.equals(INJECT_AT)) {
                if (injected instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) injected;
            }
        });
        TrackingThreadFactory threads = new TrackingThreadFactory(
                Thread.ofPlatform().name("fj-fault-plain-", 0).factory(), "fj-fault-worker-");
        PatternOptions options = PatternOptions.builder().threadFactory(threads).errors(policy).build();
        Running<Integer> r = engine.pipeline(Pipeline.first(new StageSpec<Integer, Integer>("inc", (x, c) -> x, 2, 4, false))
                .then(new StageSpec<Integer, Integer>("out", (x, c) -> x, 2, 4, false)).build(options), x -> { });
        AtomicReference<Throwable> closed = new AtomicReference<>();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                for (int i = 0; i < 200; i++) {
                    r.submit(i);
                }
            } catch (CancellationException expected) {
                // the injected fault cancelled the instance while we were still submitting
            }
            try {
                r.close();
            } catch (Throwable t) {
                closed.set(t);
            }
        }, "close() after a Throwable escaped engine code (a hang means the item in hand was never counted)");
        Throwable reported = closed.get() instanceof PatternFailedException p ? p.getCause() : closed.get();
        assertThat(reported).as("what close() reports").isSameAs(injected);
        if (injected instanceof Error) {
            assertThat(closed.get()).as("an Error is rethrown as itself").isSameAs(injected);
        }
        assertThat(r.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        PatternStats st = r.stats();
        assertThat(st.inFlight()).as("nothing in flight after termination: %s", st).isZero();
        assertThat(st.accepted()).as("every accepted item ended once: %s", st).isEqualTo(st.completed());
        assertThat(st.failed()).as("the item in hand counts as failed: %s", st).isGreaterThanOrEqualTo(1);
        assertThat(threads.alive()).as("threads alive after termination").isEmpty();
    }
}
