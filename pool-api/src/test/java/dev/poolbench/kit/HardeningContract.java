package dev.poolbench.kit;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.QueueSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Guarantees a careful read of SPEC §2 found untested: stage code that polls its
 * {@code StageContext}; cancel while the sink blocks; submitters blocked in an offer, the rate
 * limiter or the ORDERED window, cancelled or interrupted; Errors at a later stage under every
 * ordering, from the sink and the combiner, and an Error winning over an earlier exception; one
 * key from several producers; stage and sink calls on threads outside the factory and threads
 * outside it left alive; an interrupted {@code close()}.
 */
public abstract class HardeningContract extends CapacityContract {

    /** Where a submitter is blocked. */
    public enum Blocked { OFFER_WHILE_FULL, RATE_LIMIT, ORDERED_WINDOW }

    /** How it is released. */
    public enum Release { CANCEL, INTERRUPT }

    /** What the feeder ended with, or a failure naming {@code what} if it is still blocked after the liveness bound. */
    private static Throwable outcomeWithin(Feeder f, String what) throws InterruptedException {
        try {
            return f.await(LIVE);
        } catch (AssertionError stillRunning) {
            throw new AssertionError(what + ": still blocked after " + LIVE + " (" + stillRunning.getMessage() + ")");
        }
    }

    /** A submitter waits at an input: one input (pool) and several (merge) cover the ways engines build inputs. */
    public static Stream<Arguments> shapesBlockedReleases() {
        return Stream.of(Shape.POOL, Shape.MERGE).flatMap(s -> Stream.of(Blocked.values())
                .flatMap(b -> Stream.of(Release.values()).map(r -> Arguments.of(s, b, r))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void stageCodePollingItsContextSeesTheCancel(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        AtomicBoolean saw = new AtomicBoolean();
        AtomicBoolean threw = new AtomicBoolean();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage != 0 || job.seq() != 0) {
                return;
            }
            errors.check(ctx.stageName().equals(t.stageNames().get(0)), "StageContext.stageName() " + ctx.stageName());
            errors.check(!ctx.isCancelled(), "StageContext.isCancelled() before any cancel");
            gate.arrive();
            while (!ctx.isCancelled() && !gate.isReleased()) {
                Thread.interrupted(); // code that ignores interrupts and only polls its context
                Thread.onSpinWait();
            }
            boolean cancelled = ctx.isCancelled();
            try {
                ctx.throwIfCancelled();
            } catch (CancellationException e) {
                threw.set(true);
                throw e;
            } finally {
                saw.set(cancelled); // last: the test thread reads both once this is set
            }
        });
        Started s = start(t, w, sink());
        List<Feeder> feeders = feedAll(s, "polling", jobs(6, 3));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        s.cancel();
        long due = System.nanoTime() + LIVE.toNanos();
        while (!saw.get() && System.nanoTime() - due < 0) {
            Thread.sleep(1);
        }
        assertThat(saw.get()).as("stage code polling StageContext.isCancelled() saw the cancel within %s", LIVE).isTrue();
        assertThat(threw.get()).as("StageContext.throwIfCancelled() threw after the cancel").isTrue();
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.failed()).as("throwIfCancelled after our cancel counts cancelled, not failed: %s", st).isZero();
        assertFeedersEndedOrCancelled(feeders);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void cancelWhileTheSinkBlocks(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.CONTINUE);
        QueueSink<Job> full = new QueueSink<>(1); // nobody takes from it: the second output blocks the sink
        Started s = track(t.start(engine(), workload(t), full));
        List<Feeder> feeders = feedAll(s, "sink-blocks", jobs((int) t.requestedBound() + 6, 4));
        awaitAcceptedStable(s, Duration.ofMillis(300));
        assertThat(s.stats().outputs()).as("one output fits the queue; the next blocks the sink: %s", s.stats())
                .isLessThanOrEqualTo(1);
        s.cancel();
        PatternStats st = assertTerminatedClean(s);
        assertThat(st.failed()).as("an output our cancel interrupted in the sink is cancelled: %s", st).isZero();
        assertFeedersEndedOrCancelled(feeders);
        assertThat(catchThrowable(s::close)).isInstanceOf(CancellationException.class);
        full.finish();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void cancelWhileTheSinkBlocksOnTheAggregate(Ordering ordering) throws Exception {
        Topology t = topology(Shape.FAN_OUT, ordering, ErrorPolicy.CONTINUE);
        Gate gate = gate();
        dev.poolbench.api.Sink<List<Long>> blocking = new dev.poolbench.api.Sink<>() {
            @Override
            public void onOutput(List<Long> aggregate) throws InterruptedException {
                gate.await();
            }

            @Override
            public void onFailure(dev.poolbench.api.Failure failure) {
            }
        };
        Started s = track(t.startCombined(engine(), workload(t), COUNT_AND_SUM, blocking));
        assertThat(feed("aggregate", () -> submitAll(s, jobs(20, 4))).await(LIVE)).isNull();
        Feeder closer = feed("closer", () -> s.lifecycle().close());
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).as("the aggregate reached the sink").isTrue();
        s.cancel();
        Throwable closed = outcomeWithin(closer, "close() while the sink blocks on the aggregate, after cancel");
        assertThat(gate.interrupted()).as("the cancel interrupted the sink blocked on the aggregate").isEqualTo(1);
        assertThat(closed).as("close() after the cancel").isInstanceOf(CancellationException.class);
        assertTerminatedClean(s);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("shapesBlockedReleases")
    public void aBlockedSubmitterIsReleased(Shape shape, Blocked where, Release how) throws Exception {
        Topology base = topology(shape, where == Blocked.ORDERED_WINDOW ? Ordering.ORDERED : Ordering.UNORDERED,
                ErrorPolicy.FAIL_FAST).withBlocking();
        Topology t = where == Blocked.RATE_LIMIT ? base.withOptions(base.options().toBuilder().rateLimit(0.2).build())
                : base;
        Gate gate = gate();
        int blockedStage = where == Blocked.OFFER_WHILE_FULL ? t.stages().size() - 1 : 0;
        Workload w = workload(t).hook((stage, job, ctx) -> {
            boolean blocks = switch (where) {
                case OFFER_WHILE_FULL -> true;
                case ORDERED_WINDOW -> job.seq() == 0; // the head item
                case RATE_LIMIT -> false; // the token, not the stages, holds the submitter
            };
            if (stage == blockedStage && blocks) {
                gate.await();
            }
        });
        Started s = start(t, w, sink());
        List<Feeder> fill = new ArrayList<>();
        if (where == Blocked.RATE_LIMIT) {
            Feeder first = feed("first-token", () -> s.input(0).submit(Job.of(0, 3)));
            assertThat(first.await(LIVE)).as("the first item takes the first token").isNull();
        } else {
            fill.addAll(feedAll(s, "fill", jobs((int) t.requestedBound() * 3 + 8, 12)));
            assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        }
        long accepted = awaitAcceptedStable(s, Duration.ofMillis(150));
        Feeder blocked = feed("blocked-" + where, () -> {
            if (where == Blocked.RATE_LIMIT) {
                s.input(0).submit(new Job(99_999, 0, 0));
            } else {
                s.input(0).offer(new Job(99_999, 0, 0), 60, TimeUnit.SECONDS);
            }
        });
        assertThat(blocked.awaitParked(LIVE)).as("the submitter blocks (%s)", where).isTrue();
        if (how == Release.CANCEL) {
            s.cancel();
            assertThat(outcomeWithin(blocked, "a submitter blocked (" + where + ") after cancel"))
                    .as("a submitter blocked (%s) after cancel", where).isInstanceOf(CancellationException.class);
            assertTerminatedClean(s);
            assertFeedersEndedOrCancelled(fill);
        } else {
            blocked.interrupt();
            assertThat(outcomeWithin(blocked, "a submitter blocked (" + where + ") and interrupted"))
                    .as("a submitter blocked (%s) and interrupted", where).isInstanceOf(InterruptedException.class);
            assertThat(s.stats().accepted()).as("the interrupted item was not accepted").isEqualTo(accepted);
            s.cancel();
            gate.release();
            assertTerminatedClean(s);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("shapesOrderingsPolicies")
    public void anErrorAtTheLastStageIsFatalUnderEveryOrdering(Shape shape, Ordering ordering, ErrorPolicy policy)
            throws Exception {
        Topology t = topology(shape, ordering, policy);
        Workload w = workload(t).errorAt(5, t.stages().size() - 1);
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        assertFeedersEndedOrCancelled(feedAll(s, "late-error", jobs(40, 6)));
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("close rethrows an Error of stage %s (%s, %s) as is", t.stageNames().get(
                t.stages().size() - 1), ordering, policy).isInstanceOf(KitError.class).hasMessageContaining("job 5 ");
        assertThat(sink.failures()).as("an Error never goes to onFailure").isEmpty();
        assertThat(assertTerminatedClean(s).failed()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndPolicies")
    public void anErrorFromTheSinkIsFatal(Shape shape, ErrorPolicy policy) throws Exception {
        Topology t = topology(shape, Ordering.ORDERED, policy);
        KitError boom = new KitError("kit error from the sink");
        Started s = start(t, workload(t), new RecordingSink<Job>(errors).throwAt(3, boom));
        assertFeedersEndedOrCancelled(feedAll(s, "sink-error", jobs(40, 6)));
        assertThat(catchThrowable(s::close)).as("close rethrows the sink's Error as is").isSameAs(boom);
        assertTerminatedClean(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void anErrorFromTheCombinerIsFatal(Ordering ordering) throws Exception {
        Topology t = topology(Shape.FAN_OUT, ordering, ErrorPolicy.CONTINUE);
        KitError boom = new KitError("kit error from the combiner");
        Combiner<Job, Long> failing = Combiner.of(() -> 0L, (acc, j) -> {
            if (j.seq() == 7) {
                throw boom;
            }
            return acc + 1;
        }, Long::sum);
        RecordingSink<Long> sink = sink();
        Started s = track(t.startCombined(engine(), workload(t), failing, sink));
        assertFeedersEndedOrCancelled(feedAll(s, "combiner-error", jobs(40, 6)));
        assertThat(catchThrowable(s::close)).as("close rethrows the combiner's Error as is").isSameAs(boom);
        assertTerminatedClean(s);
        assertThat(sink.outputs()).as("no aggregate after an Error").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void anErrorWinsOverAnEarlierException(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        AtomicReference<Started> self = new AtomicReference<>();
        AtomicBoolean exceptionFirst = new AtomicBoolean();
        java.util.concurrent.CountDownLatch zeroStarted = new java.util.concurrent.CountDownLatch(1);
        Workload w = workload(t).failAt(1, 0).hook((stage, job, ctx) -> {
            if (stage == 0 && job.seq() == 1) {
                zeroStarted.await(LIVE_MS, TimeUnit.MILLISECONDS); // job 0 is running when job 1 fails
            }
            if (stage == 0 && job.seq() == 0) {
                zeroStarted.countDown();
                // wait (through our cancel's interrupt) until job 1's exception was recorded, then fail harder
                long due = System.nanoTime() + (runsItemsConcurrently() ? LIVE.toNanos() : 0);
                while (self.get() == null || self.get().stats().failed() == 0) {
                    if (System.nanoTime() - due > 0) {
                        break;
                    }
                    Thread.interrupted();
                    Thread.onSpinWait();
                }
                exceptionFirst.set(self.get() != null && self.get().stats().failed() > 0);
                throw new KitError("kit error of job 0, after the exception of job 1");
            }
        });
        Started s = start(t, w, sink());
        self.set(s);
        assertFeedersEndedOrCancelled(List.of(feed("error-wins", () -> {
            s.submit(Job.of(0, 3));
            s.submit(Job.of(1, 3));
        })));
        Throwable closed = catchThrowable(s::close);
        assertThat(closed).as("an Error wins over an exception recorded before it (SPEC §2, 5)")
                .isInstanceOf(KitError.class);
        if (exceptionFirst.get()) {
            assertThat(closed.getSuppressed()).as("the earlier exception becomes the Error's suppressed one")
                    .anyMatch(x -> x instanceof KitStageException);
        }
        assertTerminatedClean(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void oneKeyFromSeveralProducersKeepsOneOrderEverywhere(Shape shape) throws Exception {
        Topology t = topology(shape, KEYED, ErrorPolicy.CONTINUE);
        Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
        Workload w = workload(t).noKeyOrderCheck().jitter().hook((stage, job, ctx) ->
                seen.computeIfAbsent(((long) job.key() << 8) | stage, k -> java.util.Collections.synchronizedList(
                        new ArrayList<>())).add(job.seq()));
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        int producers = 4;
        List<Feeder> feeders = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            feeders.add(feed("same-key-" + p, () -> {
                for (int i = 0; i < 60; i++) {
                    s.input(producer % s.inputs()).submit(new Job(producer * 1000 + i, i % 3, 0)); // keys shared
                }
            }));
        }
        for (Feeder f : feeders) {
            assertThat(f.await(LIVE.multipliedBy(2))).as("producer").isNull();
        }
        closeClean(s);
        Map<Integer, List<Integer>> atSink = new HashMap<>();
        for (Job o : sink.outputs()) {
            atSink.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o.seq());
        }
        for (int key = 0; key < 3; key++) {
            List<Integer> first = seen.get((long) key << 8);
            for (int stage = 1; stage < t.stages().size(); stage++) {
                assertThat(seen.get(((long) key << 8) | stage)).as("KEYED: key %s passed stage %s in the order it "
                        + "passed the first stage", key, t.stageNames().get(stage)).isEqualTo(first);
            }
            assertThat(atSink.get(key)).as("KEYED: key %s reached the sink in the order it passed every stage", key)
                    .isEqualTo(first);
            for (int p = 0; p < producers; p++) {
                int producer = p;
                List<Integer> mine = first.stream().filter(seq -> seq / 1000 == producer).toList();
                assertThat(mine).as("KEYED: producer %s's items of key %s in its own order", p, key).isSorted();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void noStageOrSinkRunsOnAThreadOutsideTheFactory(Shape shape) throws Exception {
        Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.CONTINUE);
        Set<Thread> ran = ConcurrentHashMap.newKeySet();
        Workload w = workload(t).hook((stage, job, ctx) -> ran.add(Thread.currentThread()));
        RecordingSink<Job> recording = sink();
        dev.poolbench.api.Sink<Job> sink = new dev.poolbench.api.Sink<>() {
            @Override
            public void onOutput(Job output) throws Exception {
                ran.add(Thread.currentThread());
                recording.onOutput(output);
            }

            @Override
            public void onFailure(dev.poolbench.api.Failure failure) {
                ran.add(Thread.currentThread());
                recording.onFailure(failure);
            }
        };
        Started s = track(t.start(engine(), w, sink));
        assertThat(feed("census", () -> submitAll(s, jobs(100, 5))).await(LIVE)).isNull();
        closeClean(s);
        for (Thread th : ran) {
            assertThat(s.tracker().made(th) || th.getName().startsWith("kit-"))
                    .as("stage or sink code ran on %s, a thread the instance's factory did not make", th).isTrue();
        }
        List<String> foreign = new ArrayList<>();
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(th) && th.isAlive() && !s.tracker().made(th) && !isHarnessOrJdkThread(th)) {
                foreign.add(th.getName());
            }
        }
        assertThat(foreign).as("threads outside the instance's factory alive after termination (foreign leak)").isEmpty();
    }

    /** Threads of the kit, the test framework or the JDK itself (virtual-thread carriers, attach, reaper). */
    private static boolean isHarnessOrJdkThread(Thread t) {
        String name = t.getName();
        ThreadGroup g = t.getThreadGroup();
        return name.startsWith("kit-") || name.startsWith("junit") || name.startsWith("surefire")
                || t.getClass().getName().contains("CarrierThread") || name.equals("Attach Listener")
                || name.equals("process reaper") || g != null && g.getName().equals("system");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void anInterruptedCloseCancelsWaitsAndKeepsTheInterrupt(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        Started s = start(t, blockedAt(t, 0, gate), sink());
        List<Feeder> feeders = feedAll(s, "interrupted-close", jobs(6, 3));
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        AtomicBoolean flagKept = new AtomicBoolean();
        AtomicBoolean terminatedOnReturn = new AtomicBoolean();
        Feeder closer = feed("closer", () -> {
            try {
                s.lifecycle().close();
            } finally {
                flagKept.set(Thread.currentThread().isInterrupted());
                terminatedOnReturn.set(s.isTerminated() && s.tracker().alive().isEmpty());
            }
        });
        assertThat(closer.awaitParked(LIVE)).as("close() waits while a stage is blocked").isTrue();
        closer.interrupt();
        Throwable closed = closer.await(LIVE);
        assertThat(closed).as("an interrupted close() cancels the instance: it returns or throws CancellationException")
                .satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(CancellationException.class));
        assertThat(flagKept.get()).as("close() sets the interrupt flag again").isTrue();
        assertThat(terminatedOnReturn.get()).as("close() returned only once terminated, no engine thread alive").isTrue();
        assertThat(gate.interrupted()).as("the cancel interrupted the blocked stage").isGreaterThanOrEqualTo(1);
        assertThat(assertTerminatedClean(s).cancelled()).isGreaterThanOrEqualTo(1);
        for (Feeder f : feeders) { // a submitter still submitting when close() came may meet the closed input
            assertThat(f.await(LIVE)).satisfiesAnyOf(x -> assertThat(x).isNull(),
                    x -> assertThat(x).isInstanceOfAny(CancellationException.class, IllegalStateException.class));
        }
        assertThat(catchThrowable(s::close)).isInstanceOf(CancellationException.class);
    }
}
