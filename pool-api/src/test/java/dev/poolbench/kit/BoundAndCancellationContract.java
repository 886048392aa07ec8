package dev.poolbench.kit;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

/**
 * Guarantees 3 (bounded) and 4 (cancellation): the in-flight bound with a blocked stage, cancel
 * while a stage blocks interruptibly, cancel while a stage ignores cancellation, a blocked
 * submitter cancelled, submit/offer after cancel, 1000 start/cancel races, deadline expiry.
 */
public abstract class BoundAndCancellationContract extends OutcomeContract {

    /** The number of start/cancel races (SPEC §3: 1000). */
    protected static final int RACES = 1000;

    /** Starts one feeder per input, each submitting its share of {@code jobs} (job i to input i mod k). */
    protected List<Feeder> feedAll(Started s, String name, List<Job> jobs) {
        return feedCounting(s, name, jobs, new java.util.concurrent.atomic.AtomicInteger());
    }

    /** Feeds like {@link #feedAll}, counting the submits that returned (accepted, as the kit knows it). */
    protected List<Feeder> feedCounting(Started s, String name, List<Job> jobs,
                                        java.util.concurrent.atomic.AtomicInteger returned) {
        List<Feeder> feeders = new ArrayList<>();
        for (int in = 0; in < s.inputs(); in++) {
            int input = in;
            List<Job> mine = jobs.stream().filter(j -> Math.floorMod(j.seq(), s.inputs()) == input).toList();
            feeders.add(feed(name + "-" + input, () -> {
                for (Job j : mine) {
                    s.input(input).submit(j);
                    returned.incrementAndGet();
                }
            }));
        }
        return feeders;
    }

    /** Every feeder ends within the liveness bound, normally or with CancellationException. */
    protected static void assertFeedersEndedOrCancelled(List<Feeder> feeders) throws InterruptedException {
        for (Feeder f : feeders) {
            Throwable t = f.await(LIVE);
            if (t != null && !(t instanceof CancellationException)) {
                throw new AssertionError("a submitter ended with " + t + ", expected normal or CancellationException", t);
            }
        }
    }

    /** Starts {@code t} with its last stage blocked on {@code gate} (interruptibly) and fills it. */
    private Started startFull(Topology t, Gate gate, RecordingSink<Job> sink, int extra, List<Feeder> out)
            throws InterruptedException {
        int last = t.stages().size() - 1;
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == last) {
                gate.await();
            }
        });
        Started s = start(t.withBlocking(), w, sink);
        long bound = t.bound(s.stats());
        out.addAll(feedAll(s, "fill", jobs((int) bound + extra, 12)));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).as("a job reached the blocked stage").isTrue();
        awaitAcceptedStable(s, Duration.ofMillis(250)); // time for an engine that over-admits to show it
        awaitFull(s, bound, out);
        return s;
    }

    /**
     * Waits until the instance is full by its behaviour: it accepted {@code bound} items, or (an
     * engine that admits fewer) acceptance stopped while every feeder is done or blocked in submit.
     * Quiet time alone is no proof: on a loaded machine a feeder, or the engine threads that free a
     * stage's permits, can stall longer than any settle time, and a submitter meant to find the
     * instance full would then take the lagging feeder's place (the merge/ORDERED flake of issue 15).
     */
    protected static void awaitFull(Started s, long bound, List<Feeder> feeders) throws InterruptedException {
        long due = System.nanoTime() + LIVE.toNanos();
        while (s.stats().accepted() < bound && System.nanoTime() - due < 0) {
            long accepted = awaitAcceptedStable(s, Duration.ofMillis(50));
            boolean allStuck = true;
            for (Feeder f : feeders) {
                allStuck &= f.isDone() || f.awaitParked(Duration.ofMillis(500)) || f.isDone();
            }
            if (allStuck && s.stats().accepted() == accepted) {
                return;
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void boundedWhileAStageIsBlocked(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.FAIL_FAST);
        Gate gate = gate();
        RecordingSink<Job> sink = sink();
        List<Feeder> feeders = new ArrayList<>();
        Started s = startFull(t, gate, sink, 10, feeders);
        long bound = t.bound(s.stats());
        long accepted = s.stats().accepted();
        assertThat(accepted).as("accepted while blocked, bound Σbuffers+Σparallelism = %s for %s", bound, t)
                .isLessThanOrEqualTo(bound);
        assertRunningInvariant(s);
        assertThat(feeders.stream().anyMatch(f -> !f.isDone())).as("some submitter blocks at the bound").isTrue();
        assertThat(s.input(0).offer(new Job(100_000, 0, 0), 50, TimeUnit.MILLISECONDS))
                .as("offer times out while the instance is full").isFalse();
        assertThat(s.stats().accepted()).as("still within the bound").isLessThanOrEqualTo(bound);
        gate.release();
        for (Feeder f : feeders) {
            assertThat(f.await(LIVE)).as("submitter after release").isNull();
        }
        PatternStats st = closeClean(s);
        int total = (int) bound + 10;
        assertThat(st.accepted()).as("every submitted job accepted, the timed-out offer not").isEqualTo(total);
        assertThat(st.outputs()).as("nothing dropped").isEqualTo(total);
        List<Job> all = jobs(total, 12);
        assertThat(sink.outputs()).containsExactlyInAnyOrderElementsOf(new Workload(t, errors).expect(all).outputs());
        assertOrderingPerInput(s, ordering, sink.outputs(), all);
        assertSinkDiscipline(sink);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void cancelWhileAStageBlocksInterruptibly(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.CONTINUE).withBlocking();
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == 0 && job.seq() % 2 == 0) {
                gate.await();
            }
        });
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Feeder> feeders = feedAll(s, "blocked", jobs(12, 6));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        s.cancel();
        PatternStats st = assertTerminatedClean(s);
        assertThat(gate.interrupted()).as("stage code blocked interruptibly was interrupted").isGreaterThanOrEqualTo(1);
        assertThat(st.failed()).as("InterruptedException caused by our cancel counts cancelled, not failed: %s", st)
                .isZero();
        assertThat(st.cancelled()).as("cancelled: %s", st).isGreaterThanOrEqualTo(1);
        assertThat(sink.failures()).as("no onFailure for items our cancel interrupted").isEmpty();
        assertFeedersEndedOrCancelled(feeders);
        assertThat(catchThrowable(s::close)).as("close after cancel").isInstanceOf(CancellationException.class);
        assertOrderingPerInput(s, ordering, sink.outputs(), jobs(12, 6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void cancelWhileAStageIgnoresCancellation(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == 0) {
                gate.awaitIgnoringInterrupts();
            }
        });
        Started s = start(t, w, sink());
        List<Feeder> feeders = feedAll(s, "stubborn", jobs(15, 6));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        awaitAcceptedStable(s, Duration.ofMillis(100));
        s.cancel();
        assertThat(s.awaitTermination(300)).as("awaitTermination is false while stage code that ignores cancel runs")
                .isFalse();
        assertThat(s.isTerminated()).isFalse();
        long entries = w.entries();
        gate.release();
        PatternStats st = assertTerminatedClean(s);
        assertThat(w.entries()).as("no stage call started after cancel (entries before release %s)", entries)
                .isEqualTo(entries);
        assertThat(st.failed()).isZero();
        assertFeedersEndedOrCancelled(feeders);
        assertThat(catchThrowable(s::close)).isInstanceOf(CancellationException.class);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void aSubmitterBlockedWhileFullGetsCancellationException(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.FAIL_FAST);
        Gate gate = gate();
        List<Feeder> fill = new ArrayList<>();
        Started s = startFull(t, gate, sink(), 0, fill);
        Feeder blocked = feed("blocked", () -> s.input(0).submit(new Job(99_999, 0, 0)));
        assertThat(blocked.awaitParked(LIVE)).as("submit blocks while the instance is full").isTrue();
        s.cancel();
        assertThat(blocked.await(LIVE)).as("the blocked submitter after cancel")
                .isInstanceOf(CancellationException.class);
        assertTerminatedClean(s);
        assertFeedersEndedOrCancelled(fill);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void submitAndOfferAfterCancelThrowCancellationException(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        RecordingSink<Job> sink = sink();
        Started s = start(t, workload(t), sink);
        Feeder f = feed("before-cancel", () -> s.submit(Job.of(0, 3)));
        assertThat(f.await(LIVE)).isNull();
        IllegalStateException cause = new IllegalStateException("kit cancel cause");
        s.cancel(cause);
        for (int i = 0; i < s.inputs(); i++) {
            int in = i;
            Throwable submitted = catchThrowable(() -> s.input(in).submit(Job.of(1, 3)));
            assertThat(submitted).as("submit after cancel").isInstanceOf(CancellationException.class);
            assertThat(causeChain(submitted)).as("the CancellationException carries the cancel cause").contains(cause);
            assertThat(catchThrowable(() -> s.input(in).offer(Job.of(2, 3), 10, TimeUnit.MILLISECONDS)))
                    .as("offer after cancel").isInstanceOf(CancellationException.class);
        }
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.accepted()).isEqualTo(1);
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close after cancel").isInstanceOf(CancellationException.class);
        assertThat(causeChain(closed)).as("close's CancellationException carries the cancel cause").contains(cause);
    }

    protected static List<Throwable> causeChain(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    public void startCancelRaces() throws Exception {
        Random rnd = new Random(20_261_127L);
        ExecutorService canceller = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "kit-canceller");
            th.setDaemon(true);
            return th;
        });
        try {
            for (int round = 0; round < RACES; round++) {
                Shape shape = Shape.values()[round % 4];
                Ordering ordering = ORDERINGS.get((round / 4) % 3);
                ErrorPolicy policy = round % 5 == 0 ? ErrorPolicy.CONTINUE : ErrorPolicy.FAIL_FAST;
                Topology t = topology(shape, ordering, policy);
                boolean sleepy = round % 2 == 0;
                Workload w = workload(t).rates(round, 0.1, 0.05).hook((stage, job, ctx) -> {
                    if (sleepy && job.seq() == 1) {
                        Thread.sleep(1); // interruptible: a cancel may land here
                    }
                });
                RecordingSink<Job> sink = sink();
                Started s = t.start(engine(), w, sink);
                int n = rnd.nextInt(8);
                long delayNanos = rnd.nextInt(300_000);
                boolean closeToo = round % 3 == 0;
                Future<?> cancel = canceller.submit(() -> {
                    long until = System.nanoTime() + delayNanos;
                    while (System.nanoTime() - until < 0) {
                        Thread.onSpinWait();
                    }
                    s.cancel();
                });
                try {
                    for (int i = 0; i < n; i++) {
                        s.submit(Job.of(i, 3));
                    }
                    if (closeToo) {
                        s.close();
                    }
                } catch (CancellationException | dev.poolbench.api.PatternFailedException expected) {
                    // the cancel (or an injected failure) won the race
                }
                cancel.get(LIVE_MS, TimeUnit.MILLISECONDS);
                try {
                    assertTerminatedClean(s);
                } catch (AssertionError e) {
                    s.cancel();
                    fail("race " + round + " (" + t + ", " + n + " jobs, cancel after " + delayNanos + " ns): "
                            + e.getMessage(), e);
                }
                assertThat(sink.outputs()).hasSizeLessThanOrEqualTo(n);
                errors.rethrow();
            }
        } finally {
            canceller.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void deadlineExpiryCancelsWithTimeoutException(Shape shape) throws Exception {
        Topology base = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Topology t = base.withOptions(base.options().toBuilder().deadline(Duration.ofMillis(500)).build());
        Gate gate = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> gate.await());
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Feeder> feeders = feedAll(s, "deadline", jobs(6, 3));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.cancelled()).as("items interrupted by the deadline are cancelled: %s", st).isGreaterThanOrEqualTo(1);
        assertThat(st.failed()).isZero();
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close after the deadline expired").isInstanceOf(CancellationException.class);
        assertThat(causeChain(closed)).as("cause of the deadline cancel")
                .anyMatch(c -> c instanceof TimeoutException);
        assertFeedersEndedOrCancelled(feeders);
    }
}
