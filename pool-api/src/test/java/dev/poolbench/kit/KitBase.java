package dev.poolbench.kit;

import dev.poolbench.api.Engine;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.provider.Arguments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared machinery of the conformance kit: the engine under test, parameter sources, started
 * instances, gates and feeders that are cleaned up after every test, assertion failures from
 * worker threads rethrown on the test thread, and the common checks (termination, counting
 * invariant, leak check, ordering).
 *
 * <p>Every test runs with a liveness timeout in a separate thread, so a hang (even in an
 * uninterruptible {@code close()}) fails the test instead of wedging the build.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@ExtendWith(WedgeWatch.class)
public abstract class KitBase {

    /** Liveness bound for anything that must happen "promptly": wide, never a performance claim. */
    protected static final Duration LIVE = Duration.ofSeconds(5);
    protected static final long LIVE_MS = LIVE.toMillis();

    public static final Ordering KEYED = Ordering.<Job>keyed(Job::key);
    public static final List<Ordering> ORDERINGS = List.of(Ordering.UNORDERED, Ordering.ORDERED, KEYED);

    protected final WorkerErrors errors = new WorkerErrors();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private final List<Feeder> feeders = new CopyOnWriteArrayList<>();
    private final List<Started> instances = new CopyOnWriteArrayList<>();

    /** The engine under test; a new instance or a shared one, either works. */
    protected abstract Engine engine();

    /**
     * Whether the engine runs items concurrently at all. Only the reference engine says no: it
     * runs each item to completion on the submitting thread under one lock (SPEC §2), so the
     * parallelism lower bound and "admits exactly what it reports" do not apply to it.
     */
    protected boolean runsItemsConcurrently() {
        return true;
    }

    /**
     * Slots beyond Σ requested buffers + Σ parallelism the engine may admit because its primitive
     * rounds (a ring buffer to a power of two); 0 for engines that do not round. Declared by the
     * engine's kit subclass, never read from the engine's own stats.
     */
    protected long admissionRounding(Topology t) {
        return 0;
    }

    // ---- parameter sources -----------------------------------------------------------------

    public static Stream<Arguments> shapes() {
        return Stream.of(Shape.values()).map(Arguments::of);
    }

    public static Stream<Arguments> shapesAndOrderings() {
        return Stream.of(Shape.values()).flatMap(s -> ORDERINGS.stream().map(o -> Arguments.of(s, o)));
    }

    public static Stream<Arguments> shapesAndPolicies() {
        return Stream.of(Shape.values()).flatMap(s -> Stream.of(ErrorPolicy.values()).map(p -> Arguments.of(s, p)));
    }

    public static Stream<Arguments> shapesOrderingsPolicies() {
        return Stream.of(Shape.values()).flatMap(s -> ORDERINGS.stream()
                .flatMap(o -> Stream.of(ErrorPolicy.values()).map(p -> Arguments.of(s, o, p))));
    }

    public static Stream<Arguments> orderings() {
        return ORDERINGS.stream().map(Arguments::of);
    }

    // ---- building and cleaning up ----------------------------------------------------------

    /** Engine options and the single-producer promise every topology of the current test runs with (option paths). */
    private Map<String, String> engineOptions = Map.of();
    private boolean singleProducer;

    protected Topology topology(Shape shape, Ordering ordering, ErrorPolicy policy) {
        Topology t = Topology.standard(shape, ordering, policy);
        return t.withOptions(t.options().toBuilder().engineOptions(engineOptions).singleProducer(singleProducer).build());
    }

    /** Runs {@code body} with every topology built under these engine options (and promise), then cleans up. */
    protected void underOptions(Map<String, String> options, boolean singleProducer, Feeder.Body body) throws Exception {
        WedgeWatch.check(getClass());
        this.engineOptions = Map.copyOf(options);
        this.singleProducer = singleProducer;
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            if (WedgeWatch.meansWedged(e) || String.valueOf(e.getMessage()).contains("timed out")) {
                WedgeWatch.record(getClass(), "option path " + options + (singleProducer ? " single producer" : "")
                        + ": " + e);
            }
            throw e;
        } finally {
            this.engineOptions = Map.of();
            this.singleProducer = false;
            releaseEverythingAndRethrowWorkerFailures();
        }
    }

    protected Workload workload(Topology t) {
        return new Workload(t, errors);
    }

    /** A workload whose stage {@code stage} blocks every job on {@code gate}, interruptibly. */
    protected Workload blockedAt(Topology t, int stage, Gate gate) {
        return workload(t).hook((st, job, ctx) -> {
            if (st == stage) {
                gate.await();
            }
        });
    }

    protected <T> RecordingSink<T> sink() {
        return new RecordingSink<>(errors);
    }

    protected Started start(Topology t, Workload w, RecordingSink<Job> sink) {
        Started s = t.start(engine(), w, sink);
        instances.add(s);
        return s;
    }

    protected Started track(Started s) {
        instances.add(s);
        return s;
    }

    protected Gate gate() {
        Gate g = new Gate();
        gates.add(g);
        return g;
    }

    protected Feeder feed(String name, Feeder.Body body) {
        Feeder f = Feeder.start("kit-feeder-" + name, body);
        feeders.add(f);
        return f;
    }

    protected static List<Job> jobs(int n, int keys) {
        List<Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            jobs.add(Job.of(i, keys));
        }
        return jobs;
    }

    @AfterEach
    protected void releaseEverythingAndRethrowWorkerFailures() throws InterruptedException {
        gates.forEach(Gate::release);
        for (Started s : instances) {
            if (!s.isTerminated()) {
                s.cancel(); // a failed test must not leave engine threads running into the next one
            }
        }
        for (Feeder f : feeders) {
            if (!f.isDone()) {
                f.interrupt();
            }
        }
        if (!WedgeWatch.isWedged(getClass())) {
            for (Started s : instances) {
                s.awaitTermination(1000); // best effort: the test itself has already judged termination
            }
        }
        gates.clear();
        feeders.clear();
        instances.clear();
        errors.rethrow();
    }

    // ---- common checks ---------------------------------------------------------------------

    /** Submits jobs from the calling thread, checking the counting invariant and the bound as it goes. */
    protected void submitAll(Started s, List<Job> jobs) throws InterruptedException {
        int i = 0;
        for (Job j : jobs) {
            s.submit(j);
            if ((++i & 15) == 0) {
                assertRunningInvariant(s);
            }
        }
    }

    /** While running: accepted = completed + inFlight, and inFlight within the bound. */
    protected static void assertRunningInvariant(Started s) {
        PatternStats st = s.stats();
        assertThat(st.inFlight()).as("inFlight of %s", st).isGreaterThanOrEqualTo(0);
        assertThat(st.accepted()).as("accepted = outputs+filtered+failed+cancelled+inFlight: %s", st)
                .isEqualTo(st.completed() + st.inFlight());
        assertThat(st.inFlight()).as("inFlight within Σbuffers+Σparallelism of %s: %s", s.topology(), st)
                .isLessThanOrEqualTo(s.topology().bound(st));
    }

    /**
     * The instance terminates within the liveness bound, every accepted item reached one outcome,
     * and no thread made by the instance's thread factory is alive at the moment
     * {@code awaitTermination} returned true (the strict reading of guarantee 7).
     */
    protected static PatternStats assertTerminatedClean(Started s) throws InterruptedException {
        assertThat(s.awaitTermination(LIVE_MS)).as("%s terminated within %s: %s (%s)", WedgeWatch.MARK, LIVE,
                s.topology(), s.stats()).isTrue();
        assertThat(s.isTerminated()).as("isTerminated after awaitTermination returned true").isTrue();
        List<Thread> alive = s.tracker().alive();
        assertThat(alive).as("engine threads alive after termination (leak) of %s", s.topology()).isEmpty();
        PatternStats st = s.stats();
        assertThat(st.inFlight()).as("inFlight after termination: %s", st).isZero();
        assertThat(st.accepted()).as("accepted = outputs+filtered+failed+cancelled after termination: %s", st)
                .isEqualTo(st.completed());
        return st;
    }

    /** Closes, expecting a normal end. */
    protected static PatternStats closeClean(Started s) throws InterruptedException {
        s.close();
        return assertTerminatedClean(s);
    }

    /** Sink discipline seen from the sink: calls never overlapped and happens-before held. */
    protected static void assertSinkDiscipline(RecordingSink<?> sink) {
        assertThat(sink.plainCalls()).as("sink calls seen through a plain field (happens-before between calls)")
                .isEqualTo(sink.calls());
    }

    /**
     * Outputs respect the ordering, given the jobs in acceptance order: ORDERED = that order with
     * gaps; KEYED = per key that order; UNORDERED = no constraint. No output appears twice.
     */
    protected static void assertOrdering(Ordering ordering, List<Job> outputs, List<Job> acceptanceOrder) {
        Map<Integer, Integer> rank = new HashMap<>();
        for (int i = 0; i < acceptanceOrder.size(); i++) {
            rank.put(acceptanceOrder.get(i).seq(), i);
        }
        Set<Integer> seen = new HashSet<>();
        for (Job o : outputs) {
            assertThat(seen.add(o.seq())).as("output of job %s delivered twice", o.seq()).isTrue();
            assertThat(rank).as("output %s was never submitted", o).containsKey(o.seq());
        }
        if (ordering instanceof Ordering.Ordered) {
            for (int i = 1; i < outputs.size(); i++) {
                assertThat(rank.get(outputs.get(i).seq())).as("ORDERED: output %s after %s", outputs.get(i),
                        outputs.get(i - 1)).isGreaterThan(rank.get(outputs.get(i - 1).seq()));
            }
        } else if (ordering instanceof Ordering.Keyed) {
            Map<Integer, Integer> lastRankOfKey = new HashMap<>();
            for (Job o : outputs) {
                Integer before = lastRankOfKey.put(o.key(), rank.get(o.seq()));
                assertThat(before == null || before < rank.get(o.seq()))
                        .as("KEYED: output %s of key %s after a later-accepted job of that key", o, o.key()).isTrue();
            }
        }
    }

    /**
     * Like {@link #assertOrdering(Ordering, List, List)} for jobs fed by one thread per input
     * (job i to input i mod k): acceptance order is known only within each input.
     */
    protected static void assertOrderingPerInput(Started s, Ordering ordering, List<Job> outputs, List<Job> jobs) {
        int k = s.inputs();
        for (int in = 0; in < k; in++) {
            int input = in;
            assertOrdering(ordering, outputs.stream().filter(o -> Math.floorMod(o.seq(), k) == input).toList(),
                    jobs.stream().filter(j -> Math.floorMod(j.seq(), k) == input).toList());
        }
    }

    /** The full check of a CONTINUE run with nothing cancelled, against the prediction. */
    protected static void assertMatches(Expected expected, RecordingSink<Job> sink, PatternStats st,
                                        Ordering ordering, List<Job> acceptanceOrder) {
        List<Job> outputs = sink.outputs();
        assertOrdering(ordering, outputs, acceptanceOrder);
        assertThat(outputs).as("outputs (as a multiset)").containsExactlyInAnyOrderElementsOf(expected.outputs());
        Map<Integer, String> failed = new HashMap<>();
        for (Failure f : sink.failures()) {
            assertThat(f.input()).as("failure input").isInstanceOf(Job.class);
            assertThat(((Job) f.input()).hops()).as("a failure carries the input as accepted: %s", f).isZero();
            assertThat(f.cause()).as("failure cause").isInstanceOf(KitStageException.class);
            assertThat(failed.put(((Job) f.input()).seq(), f.stage())).as("failure of %s reported twice", f).isNull();
        }
        assertThat(failed).as("failures (job → stage) reported to sink.onFailure").isEqualTo(expected.failures());
        assertThat(st.outputs()).as("outputs counted: %s", st).isEqualTo(expected.outputs().size());
        assertThat(st.filtered()).as("filtered counted: %s", st).isEqualTo(expected.filtered());
        assertThat(st.failed()).as("failed counted: %s", st).isEqualTo(expected.failures().size());
        assertThat(st.cancelled()).as("cancelled counted: %s", st).isZero();
        assertThat(st.accepted()).as("accepted: %s", st).isEqualTo(acceptanceOrder.size());
        assertSinkDiscipline(sink);
    }

    /** Waits until {@code stats().accepted} stops growing for a while (the instance is full). */
    protected static long awaitAcceptedStable(Started s, Duration settle) throws InterruptedException {
        long due = System.nanoTime() + LIVE.toNanos();
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() - due < 0) {
            long now = s.stats().accepted();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - since >= settle.toNanos()) {
                return now;
            }
            Thread.sleep(2);
        }
        return last;
    }
}
