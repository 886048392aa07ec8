package dev.poolbench.kit;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Sink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guarantees checked by behaviour rather than by the engine's own report: exactly once at
 * volume (a loss of one item in 100,000 fails), the ORDERED reorder window bounded while the
 * head item is stalled, parallelism from below (p items offered to a blocking stage run at once),
 * and the buffers from above (what the engine admits with a stage blocked, against the
 * <em>requested</em> buffers, and against the effective buffers it reports), the running
 * invariant against what the kit itself knows is in flight.
 */
public abstract class CapacityContract extends RandomizedTopologyProperties {

    /** Items per pattern × ordering in the volume test: one lost or duplicated item in this many fails. */
    protected static final int VOLUME = 100_000;

    public static Stream<Arguments> shapesUnorderedAndOrdered() {
        return Stream.of(Shape.values()).flatMap(s -> Stream.of(Ordering.UNORDERED, Ordering.ORDERED)
                .map(o -> Arguments.of(s, o)));
    }

    /**
     * A sink for volume runs that keeps no list: a bit per output and per failure, checking
     * duplicates and the ordering as outputs arrive (ORDERED: increasing sequence numbers from one
     * feeder; KEYED: increasing per key).
     */
    static final class VolumeSink implements Sink<Job> {
        private final WorkerErrors errors;
        private final Ordering ordering;
        private final BitSet outputs = new BitSet();
        private final BitSet failures = new BitSet();
        private final int[] lastOfKey;
        private int last = -1;
        private int count;
        private int duplicates;
        private int misordered;

        VolumeSink(WorkerErrors errors, Ordering ordering, int keys) {
            this.errors = errors;
            this.ordering = ordering;
            this.lastOfKey = new int[keys];
            java.util.Arrays.fill(lastOfKey, -1);
        }

        @Override
        public synchronized void onOutput(Job j) {
            count++;
            if (outputs.get(j.seq())) {
                if (duplicates++ == 0) {
                    errors.add(new AssertionError("volume: output of job " + j.seq() + " delivered twice"));
                }
            }
            outputs.set(j.seq());
            int before = ordering instanceof Ordering.Keyed ? lastOfKey[j.key()] : last;
            if ((ordering instanceof Ordering.Ordered || ordering instanceof Ordering.Keyed) && before >= j.seq()
                    && misordered++ == 0) {
                errors.add(new AssertionError("volume " + ordering + ": output " + j.seq() + " after " + before));
            }
            last = j.seq();
            lastOfKey[j.key()] = j.seq();
        }

        @Override
        public synchronized void onFailure(Failure f) {
            failures.set(((Job) f.input()).seq());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void exactlyOnceAtVolume(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.CONTINUE);
        int keys = 64;
        int last = t.stages().size() - 1;
        // tiny stages: job 7 mod 97 filtered at the first stage, 11 mod 101 failing at the last
        Stages stages = new Stages(t.stages().size(), (stage, job) -> {
            if (stage == 0 && job.seq() % 97 == 7) {
                return null;
            }
            if (stage == last && job.seq() % 101 == 11) {
                throw new KitStageException("volume failure of job " + job.seq());
            }
            return job.next();
        });
        VolumeSink sink = new VolumeSink(errors, ordering, keys);
        Started s = track(t.startWith(engine(), stages.specs(t), sink));
        Feeder f = feed("volume", () -> {
            for (int i = 0; i < VOLUME; i++) {
                s.submit(Job.of(i, keys));
            }
        });
        assertThat(f.await(Duration.ofSeconds(60))).as("volume feeder").isNull();
        PatternStats st = closeClean(s);
        int filtered = 0;
        int failed = 0;
        BitSet due = new BitSet();
        for (int i = 0; i < VOLUME; i++) {
            if (i % 97 == 7) {
                filtered++;
            } else if (i % 101 == 11) {
                failed++;
            } else {
                due.set(i);
            }
        }
        BitSet missing = (BitSet) due.clone();
        missing.andNot(sink.outputs);
        BitSet extra = (BitSet) sink.outputs.clone();
        extra.andNot(due);
        assertThat(missing.cardinality()).as("volume: outputs lost of %s (first: job %s) in %s", due.cardinality(),
                missing.nextSetBit(0), t).isZero();
        assertThat(extra.cardinality()).as("volume: outputs not due (first: job %s)", extra.nextSetBit(0)).isZero();
        assertThat(sink.duplicates).as("volume: outputs delivered twice").isZero();
        assertThat(sink.misordered).as("volume: outputs out of %s", ordering).isZero();
        assertThat(sink.count).as("volume: sink calls").isEqualTo(due.cardinality());
        assertThat(sink.failures.cardinality()).as("volume: failures reported").isEqualTo(failed);
        assertThat(st.accepted()).as("volume: accepted %s", st).isEqualTo(VOLUME);
        assertThat(st.outputs()).as("volume: outputs counted %s", st).isEqualTo(due.cardinality());
        assertThat(st.filtered()).as("volume: filtered counted %s", st).isEqualTo(filtered);
        assertThat(st.failed()).as("volume: failed counted %s", st).isEqualTo(failed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void orderedWindowStaysBoundedWhileTheHeadItemIsStalled(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.ORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate head = gate();
        Workload w = workload(t).hook((stage, job, ctx) -> {
            if (stage == 0 && job.seq() == 0) {
                head.await(); // the head item is slow: everything after it must wait for reordering
            }
        });
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        long bound = Math.min(t.requestedBound() + admissionRounding(t), t.bound(s.stats()));
        int total = (int) t.requestedBound() * 3 + 20;
        AtomicInteger returned = new AtomicInteger();
        List<Feeder> feeders = feedCounting(s, "head", jobs(total, 12), returned);
        assertThat(head.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).as("the head item started").isTrue();
        awaitAcceptedStable(s, Duration.ofMillis(300));
        PatternStats st = s.stats();
        // a merge fed by one thread per input orders each input on its own: other inputs may deliver
        assertThat((long) returned.get() - sink.outputs().size()).as("ORDERED with the head item stalled: accepted and not "
                + "delivered (reorder window) within the bound %s of %s: %s", bound, t, st).isLessThanOrEqualTo(bound);
        assertThat(st.inFlight()).as("in flight within the bound: %s", st).isLessThanOrEqualTo(bound);
        assertInFlightAtLeastWhatTheKitKnows(st, returned.get(), sink);
        head.release();
        for (Feeder f : feeders) {
            assertThat(f.await(LIVE)).as("submitter after the head item ended").isNull();
        }
        PatternStats end = closeClean(s);
        assertThat(end.outputs()).isEqualTo(total);
        assertOrderingPerInput(s, Ordering.ORDERED, sink.outputs(), jobs(total, 12));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesUnorderedAndOrdered")
    public void everyStageRunsItsParallelismAtOnce(Shape shape, Ordering ordering) throws Exception {
        if (!runsItemsConcurrently()) {
            return; // the reference engine runs one item at a time by definition
        }
        Topology standard = topology(shape, ordering, ErrorPolicy.FAIL_FAST).withBlocking();
        // a pool wider than its buffer too: p = 8, buffer 2 (a ring sized from the buffers alone runs 2)
        Topology base = shape == Shape.POOL ? standard.withStages(List.of(new StagePlan("wide", 8, 2))) : standard;
        for (int blocked = 0; blocked < base.stages().size(); blocked++) {
            int stage = blocked;
            Gate gate = gate();
            Started s = start(base, blockedAt(base, stage, gate), sink());
            int limit = base.concurrencyLimit(stage);
            feedAll(s, "parallel", jobs((int) base.requestedBound() + 4, 1_000_000));
            boolean all = awaitArrivalsUnlessStalled(gate, limit, s);
            assertThat(all).as("parallelism from below: stage %s of %s ran %s items at once after %s; its parallelism "
                            + "is %s and enough items were offered (%s)", base.stageNames().get(stage), base, gate.arrived(),
                    LIVE, limit, s.stats()).isTrue();
            s.cancel();
            gate.release();
            assertTerminatedClean(s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void admitsWhatItsRequestedBuffersAllowAndReportsIt(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        RecordingSink<Job> sink = sink();
        Started s = start(t, blockedAt(t, t.stages().size() - 1, gate), sink);
        long allowed = t.requestedBound() + admissionRounding(t);
        AtomicInteger returned = new AtomicInteger();
        feedCounting(s, "admit", jobs((int) allowed + 8, 12), returned);
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        long accepted = awaitAcceptedStable(s, Duration.ofMillis(300));
        PatternStats st = s.stats();
        long reported = st.effectiveBuffers().stream().mapToLong(Integer::longValue).sum();
        long requested = t.requestedBuffers().stream().mapToLong(Integer::longValue).sum();
        assertThat(reported).as("effective buffers %s against the requested %s (+ rounding %s) of %s",
                st.effectiveBuffers(), t.requestedBuffers(), admissionRounding(t), t)
                .isLessThanOrEqualTo(requested + admissionRounding(t));
        assertThat(accepted).as("admitted with the last stage blocked: requested buffers + parallelism = %s "
                + "(+ rounding %s) of %s: %s", t.requestedBound(), admissionRounding(t), t, st).isLessThanOrEqualTo(allowed);
        if (runsItemsConcurrently()) {
            assertThat(accepted).as("admitted with the last stage blocked = Σ effective buffers %s + Σ parallelism %s "
                    + "(the report must match what the engine admits) of %s", st.effectiveBuffers(),
                    t.totalParallelism(), t).isEqualTo(reported + t.totalParallelism());
        }
        assertInFlightAtLeastWhatTheKitKnows(st, returned.get(), sink);
        s.cancel();
        gate.release();
        assertTerminatedClean(s);
    }

    /** Per-stage and per-input limits: the first stage of a pipeline blocked; one input of a merge fed alone. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void eachStageAndInputKeepsItsOwnLimit(Shape shape) throws Exception {
        if (shape != Shape.PIPELINE && shape != Shape.MERGE) {
            return; // one stage and one input: the whole-pattern check above is the same check
        }
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST).withBlocking();
        Gate gate = gate();
        Started s = start(t, blockedAt(t, 0, gate), sink());
        StagePlan first = t.stages().get(0);
        long allowed = first.buffer() + t.concurrencyLimit(0) + admissionRounding(t);
        // a merge: every job to input 0
        feed("limit", () -> {
            for (Job j : jobs((int) t.requestedBound() + 8, 12)) {
                s.input(0).submit(j);
            }
        });
        assertThat(gate.awaitArrivals(1, LIVE_MS, TimeUnit.MILLISECONDS)).isTrue();
        long accepted = awaitAcceptedStable(s, Duration.ofMillis(300));
        assertThat(accepted).as("%s: admitted in front of and into %s (buffer %s, parallelism %s, rounding %s) with "
                        + "that stage blocked%s: %s", t, first.name(), first.buffer(), t.concurrencyLimit(0),
                admissionRounding(t), shape == Shape.MERGE ? ", all through input 0" : "", s.stats())
                .isLessThanOrEqualTo(allowed);
        s.cancel();
        gate.release();
        assertTerminatedClean(s);
    }

    /**
     * Waits until {@code n} callers reached the gate; false once neither the arrivals nor the
     * accepted count moved for a second (nothing more will come), or after the liveness bound.
     */
    protected static boolean awaitArrivalsUnlessStalled(Gate gate, int n, Started s) throws InterruptedException {
        long due = System.nanoTime() + LIVE.toNanos();
        long since = System.nanoTime();
        long last = -1;
        while (gate.arrived() < n) {
            long now = gate.arrived() * 1_000_003L + s.stats().accepted();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1) || System.nanoTime() - due > 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /**
     * The running invariant against the kit's own count: every submit that returned was accepted,
     * and what has not reached the sink (nor was filtered or failed, which these runs never do)
     * is in flight. An engine that under-counts shows it here, not only after termination.
     */
    protected static void assertInFlightAtLeastWhatTheKitKnows(PatternStats st, int returned, RecordingSink<Job> sink) {
        assertThat(st.accepted()).as("accepted ≥ submits that returned (%s): %s", returned, st)
                .isGreaterThanOrEqualTo(returned);
        assertThat(st.inFlight()).as("inFlight ≥ submits that returned (%s) − outputs the sink got (%s): %s",
                returned, sink.outputs().size(), st).isGreaterThanOrEqualTo(returned - sink.outputs().size());
        assertThat(st.accepted()).as("accepted = completed + inFlight: %s", st).isEqualTo(st.completed() + st.inFlight());
    }
}
