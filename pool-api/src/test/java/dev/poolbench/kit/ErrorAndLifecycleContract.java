package dev.poolbench.kit;

import dev.poolbench.api.EngineOption;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternFailedException;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.support.FailureCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Guarantees 5 (errors), 6 (lifecycle) and 7 (no leaks), and the rate limit: FAIL_FAST reports
 * the first failure with at most 16 suppressed and terminates the instance; CONTINUE reports
 * every failure and goes on; an {@link Error} and a throwing sink are fatal under both policies;
 * close/cancel idempotent; submit after close, null items, bad engine options, interrupted
 * submitters; no engine thread outlives termination.
 */
public abstract class ErrorAndLifecycleContract extends BoundAndCancellationContract {

    /** How an instance ends in the leak check. */
    public enum Ending { CLOSE, CANCEL, FAIL }

    public static Stream<Arguments> shapesAndEndings() {
        return Stream.of(Shape.values()).flatMap(s -> Stream.of(Ending.values()).map(e -> Arguments.of(s, e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void failFastReportsTheFailureAndTerminatesTheInstance(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.FAIL_FAST);
        int last = t.stages().size() - 1;
        Workload w = workload(t).failAt(7, last);
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Feeder> feeders = feedAll(s, "fail-fast", jobs(60, 6));
        long due = System.nanoTime() + LIVE.toNanos();
        while (s.stats().failed() == 0 && System.nanoTime() - due < 0) {
            Thread.sleep(1);
        }
        assertThat(s.awaitTermination(LIVE_MS)).as("a FAIL_FAST failure terminates the instance without close")
                .isTrue();
        Throwable late = catchThrowable(() -> s.input(0).submit(Job.of(999, 6)));
        assertThat(late).as("submit after the failure").isInstanceOf(CancellationException.class);
        assertFeedersEndedOrCancelled(feeders);
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close after a FAIL_FAST failure").isInstanceOf(PatternFailedException.class);
        Failure first = ((PatternFailedException) closed).failure();
        assertThat(first.input()).as("failed input, as accepted").isEqualTo(Job.of(7, 6));
        assertThat(first.stage()).isEqualTo(w.stageName(last));
        assertThat(first.cause()).isInstanceOf(KitStageException.class);
        assertThat(closed.getCause()).isSameAs(first.cause());
        assertThat(closed.getSuppressed()).as("one failure, nothing suppressed").isEmpty();
        Throwable again = catchThrowable(s::close);
        assertThat(again).as("close again reports the same failure").isInstanceOf(PatternFailedException.class);
        assertThat(again.getCause()).isSameAs(first.cause());
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.failed()).isEqualTo(1);
        assertThat(sink.failures()).isEmpty();
        assertOrderingPerInput(s, ordering, sink.outputs(), jobs(60, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void failFastKeepsAtMostSixteenSuppressed(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        Workload w = workload(t).rates(1, 0, 1.0);
        Started s = start(t, w, sink());
        List<Feeder> feeders = feedAll(s, "all-fail", jobs(120, 6));
        assertFeedersEndedOrCancelled(feeders);
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).isInstanceOf(PatternFailedException.class);
        assertThat(closed.getSuppressed()).hasSizeLessThanOrEqualTo(FailureCollector.MAX_SUPPRESSED);
        for (Throwable sup : closed.getSuppressed()) {
            assertThat(sup).isInstanceOf(KitStageException.class).isNotSameAs(closed.getCause());
        }
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.failed()).as("failed ≥ 1 + suppressed: %s", st).isGreaterThanOrEqualTo(1 + closed.getSuppressed().length);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void continueReportsEveryFailureAndGoesOn(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.CONTINUE);
        Workload w = workload(t).rates(2, 0, 0.5); // half the jobs fail somewhere
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Job> jobs = jobs(150, 6);
        Feeder f = feed("continue", () -> submitAll(s, jobs));
        assertThat(f.await(LIVE)).isNull();
        PatternStats st = closeClean(s);
        assertMatches(w.expect(jobs), sink, st, ordering, jobs);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndPolicies")
    public void anErrorIsFatalUnderEveryPolicy(Shape shape, ErrorPolicy policy) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, policy);
        Workload w = workload(t).errorAt(5, 0);
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Feeder> feeders = feedAll(s, "error", jobs(40, 6));
        assertFeedersEndedOrCancelled(feeders);
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close rethrows the Error as is").isInstanceOf(KitError.class)
                .hasMessageContaining("job 5 ");
        assertThat(sink.failures()).as("an Error never goes to onFailure").isEmpty();
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.failed()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndPolicies")
    public void aThrowingSinkIsFatalUnderEveryPolicy(Shape shape, ErrorPolicy policy) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, policy);
        IllegalStateException boom = new IllegalStateException("kit sink failure");
        RecordingSink<Job> sink = new RecordingSink<Job>(errors).throwAt(3, boom);
        Started s = start(t, workload(t), sink);
        List<Feeder> feeders = feedAll(s, "sink", jobs(40, 6));
        assertFeedersEndedOrCancelled(feeders);
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close after the sink threw").isInstanceOf(PatternFailedException.class);
        assertThat(((PatternFailedException) closed).failure().stage()).isEqualTo("sink");
        assertThat(closed.getCause()).isSameAs(boom);
        assertTerminatedClean(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void closeAndCancelAreIdempotent(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.ORDERED, ErrorPolicy.FAIL_FAST);
        RecordingSink<Job> sink = sink();
        Started s = start(t, workload(t), sink);
        Feeder f = feed("idem", () -> submitAll(s, jobs(10, 2)));
        assertThat(f.await(LIVE)).isNull();
        s.close();
        s.close();
        s.cancel();
        s.cancel(new IllegalStateException("late"));
        s.close();
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.outputs()).as("a cancel after close changes nothing").isEqualTo(10);
        assertThat(st.cancelled()).isZero();

        Started c = start(t, workload(t), sink());
        c.cancel();
        c.cancel();
        assertTerminatedClean(c);
        Throwable first = catchThrowable(c::close);
        assertThat(first).isInstanceOf(CancellationException.class);
        assertThat(catchThrowable(c::close)).isInstanceOf(CancellationException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void submitAfterCloseIsIllegalState(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        Started s = start(t, workload(t), sink());
        closeClean(s);
        for (int i = 0; i < s.inputs(); i++) {
            int in = i;
            assertThat(catchThrowable(() -> s.input(in).submit(Job.of(0, 1)))).as("submit after close")
                    .isInstanceOf(IllegalStateException.class);
            assertThat(catchThrowable(() -> s.input(in).offer(Job.of(0, 1), 10, TimeUnit.MILLISECONDS)))
                    .as("offer after close").isInstanceOf(IllegalStateException.class);
        }
        assertThat(s.stats().accepted()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void aNullItemIsANullPointerException(Shape shape) throws Exception {
        Topology t = topology(shape, KEYED, ErrorPolicy.FAIL_FAST);
        Started s = start(t, workload(t), sink());
        for (int i = 0; i < s.inputs(); i++) {
            int in = i;
            assertThat(catchThrowable(() -> s.input(in).submit(null))).isInstanceOf(NullPointerException.class);
            assertThat(catchThrowable(() -> s.input(in).offer(null, 10, TimeUnit.MILLISECONDS)))
                    .isInstanceOf(NullPointerException.class);
        }
        PatternStats st = closeClean(s);
        assertThat(st.accepted()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void badEngineOptionsAreRejectedByName(Shape shape) throws Exception {
        String prefix = engine().name() + ".";
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {prefix + "nonsense", "1"});
        for (EngineOption o : engine().options()) {
            bad.add(new String[] {o.key(), "kit-not-a-valid-value"});
        }
        Topology base = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        for (String[] kv : bad) {
            Topology t = base.withOptions(base.options().toBuilder().engineOption(kv[0], kv[1]).build());
            Throwable thrown = catchThrowable(() -> track(t.start(engine(), workload(t), sink())));
            assertThat(thrown).as("building with %s=%s", kv[0], kv[1]).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(kv[0]);
            // the message names what is valid: the option's values, or (for an unknown key) the options
            for (EngineOption o : engine().options()) {
                if (o.key().equals(kv[0])) {
                    for (String v : o.values()) {
                        assertThat(thrown.getMessage()).as("the message for %s=%s names the valid value %s", kv[0],
                                kv[1], v).contains(v);
                    }
                } else if (!engine().options().stream().anyMatch(x -> x.key().equals(kv[0]))) {
                    assertThat(thrown.getMessage()).as("the message for the unknown %s names the option %s", kv[0],
                            o.key()).contains(o.key());
                }
            }
        }
        // another engine's option is not this engine's business
        Topology other = base.withOptions(base.options().toBuilder().engineOption("kitother.anything", "x").build());
        Started s = track(other.start(engine(), workload(other), sink()));
        closeClean(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void anInterruptedSubmitterGetsInterruptedException(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == t.stages().size() - 1) {
                gate.await();
            }
        });
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        long bound = t.bound(s.stats());
        List<Feeder> fill = feedAll(s, "fill", jobs((int) bound + 4, 6));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        awaitAcceptedStable(s, Duration.ofMillis(200));
        Job lost = new Job(100_000, 0, 0);
        Feeder blocked = feed("interrupted", () -> s.input(0).submit(lost));
        assertThat(blocked.awaitParked(LIVE)).as("submit blocks while full").isTrue();
        blocked.interrupt();
        assertThat(blocked.await(LIVE)).as("the interrupted submitter").isInstanceOf(InterruptedException.class);
        gate.release();
        for (Feeder f : fill) {
            assertThat(f.await(LIVE)).isNull();
        }
        PatternStats st = closeClean(s);
        assertThat(st.accepted()).as("the interrupted submit was not accepted").isEqualTo(bound + 4);
        assertThat(sink.outputs()).hasSize((int) bound + 4).noneMatch(j -> j.seq() == lost.seq());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void theRateLimitIsALowerBoundOnAdmission(Shape shape) throws Exception {
        double rate = 100;
        int n = 13;
        Topology base = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        Topology t = base.withOptions(base.options().toBuilder().rateLimit(rate).build());
        RecordingSink<Job> sink = sink();
        Started s = start(t, workload(t), sink);
        long t0 = System.nanoTime();
        Feeder f = feed("rate", () -> submitAll(s, jobs(n, 3)));
        assertThat(f.await(LIVE)).isNull();
        s.close();
        long elapsed = System.nanoTime() - t0; // from the first submit to the end of the run
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.outputs()).isEqualTo(n);
        long minNanos = (long) ((n - 1) / rate * 1e9) - TimeUnit.MILLISECONDS.toNanos(2);
        assertThat(elapsed).as("%s items at %s/s cannot all be admitted in less than (n-1)/rate", n, rate)
                .isGreaterThanOrEqualTo(minNanos);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndEndings")
    public void noEngineThreadOutlivesTermination(Shape shape, Ending ending) throws Exception {
        Topology base = topology(shape, Ordering.ORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        // an unexpired deadline too: its timer must not outlive the instance either
        Topology t = base.withOptions(base.options().toBuilder().deadline(Duration.ofSeconds(60)).build());
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (ending == Ending.CANCEL && job.seq() >= 3) {
                gate.await();
            }
        });
        if (ending == Ending.FAIL) {
            w.failAt(3, 0);
        }
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Feeder> feeders = feedAll(s, "leak", jobs(20, 6));
        switch (ending) {
            case CLOSE -> {
                for (Feeder f : feeders) {
                    assertThat(f.await(LIVE)).isNull();
                }
                s.close();
            }
            case CANCEL -> {
                assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
                s.cancel();
                assertThat(catchThrowable(s::close)).isInstanceOf(CancellationException.class);
            }
            case FAIL -> assertThat(catchThrowable(() -> {
                assertFeedersEndedOrCancelled(feeders);
                s.close();
            })).isInstanceOf(PatternFailedException.class);
        }
        assertThat(s.tracker().alive()).as("threads of the instance's factory alive after close returned").isEmpty();
        assertTerminatedClean(s);
        assertFeedersEndedOrCancelled(feeders);
    }
}
