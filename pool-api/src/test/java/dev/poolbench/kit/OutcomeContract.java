package dev.poolbench.kit;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternFailedException;
import dev.poolbench.api.PatternStats;
import dev.poolbench.engine.sequential.SequentialEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Guarantees 1 and 2 (exactly once, counting invariant, sink discipline, ordering) over every
 * shape × ordering × error policy, plus the topologies SPEC §3 names: fan-out with a combiner,
 * merge of 3 producers, 8 concurrent producers, buffer 1 with 8 stages, a pipeline with
 * different parallelism per stage.
 */
public abstract class OutcomeContract extends KitBase {

    /** A combiner folding jobs into (count, sum of sequence numbers): commutative and associative. */
    protected static final Combiner<Job, List<Long>> COUNT_AND_SUM = Combiner.of(() -> List.of(0L, 0L),
            (acc, j) -> List.of(acc.get(0) + 1, acc.get(1) + j.seq()),
            (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("shapesOrderingsPolicies")
    public void exactlyOnceWithFilteringAndFailures(Shape shape, Ordering ordering, ErrorPolicy policy)
            throws Exception {
        Topology t = topology(shape, ordering, policy);
        Workload w = workload(t).jitter();
        if (policy == ErrorPolicy.CONTINUE) {
            w.rates(shape.ordinal() * 31L + 7, 0.15, 0.08);
        } else {
            w.rates(shape.ordinal() * 31L + 7, 0.15, 0).failAt(120, t.stages().size() - 1);
        }
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Job> jobs = jobs(200, 13);
        List<Job> accepted = new ArrayList<>();
        Feeder f = feed("exactly-once", () -> {
            for (Job j : jobs) {
                s.submit(j);
                accepted.add(j);
                if ((j.seq() & 15) == 0) {
                    assertRunningInvariant(s);
                }
            }
        });
        Throwable fed = f.await(LIVE.multipliedBy(2));
        if (policy == ErrorPolicy.CONTINUE) {
            assertThat(fed).as("feeder").isNull();
            PatternStats st = closeClean(s);
            assertMatches(w.expect(jobs), sink, st, ordering, jobs);
        } else {
            assertThat(fed).as("feeder ends normally or with CancellationException once the failure cancelled")
                    .satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(CancellationException.class));
            Throwable closed = catchThrowable(s::close);
            assertThat(closed).as("close() after a FAIL_FAST failure").isInstanceOf(PatternFailedException.class);
            PatternFailedException pfe = (PatternFailedException) closed;
            assertThat(((Job) pfe.failure().input()).seq()).as("failed input").isEqualTo(120);
            assertThat(pfe.failure().stage()).isEqualTo(w.stageName(t.stages().size() - 1));
            PatternStats st = assertTerminatedClean(s);
            assertThat(st.failed()).as("failed: %s", st).isEqualTo(1);
            assertThat(st.accepted()).as("accepted ≥ jobs up to the failing one: %s", st).isGreaterThanOrEqualTo(121);
            assertThat(st.outputs()).as("outputs counted = outputs delivered").isEqualTo(sink.outputs().size());
            assertOrdering(ordering, sink.outputs(), jobs);
            Set<Job> possible = new HashSet<>(w.expect(jobs).outputs());
            assertThat(possible).as("every output delivered is one that was due").containsAll(sink.outputs());
            assertThat(sink.failures()).as("onFailure is not called under FAIL_FAST").isEmpty();
            assertSinkDiscipline(sink);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void eightConcurrentProducers(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.CONTINUE);
        Workload w = workload(t).rates(99, 0.1, 0.05).jitter();
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        int producers = 8;
        int perProducer = 60;
        int keysPerProducer = 3;
        List<List<Job>> lanes = new ArrayList<>();
        List<Feeder> feeders = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            List<Job> mine = new ArrayList<>();
            for (int i = 0; i < perProducer; i++) {
                // disjoint keys per producer, so per-key acceptance order is the producer's order
                mine.add(new Job(p * 1000 + i, p * keysPerProducer + i % keysPerProducer, 0));
            }
            lanes.add(mine);
            int input = p % s.inputs();
            feeders.add(feed("producer-" + p, () -> {
                for (Job j : mine) {
                    s.input(input).submit(j);
                }
            }));
        }
        for (Feeder f : feeders) {
            assertThat(f.await(LIVE.multipliedBy(2))).as("producer").isNull();
        }
        PatternStats st = closeClean(s);
        List<Job> all = lanes.stream().flatMap(List::stream).toList();
        Expected e = w.expect(all);
        List<Job> outputs = sink.outputs();
        assertThat(outputs).containsExactlyInAnyOrderElementsOf(e.outputs());
        assertThat(st.failed()).isEqualTo(e.failures().size());
        assertThat(sink.failures()).hasSize(e.failures().size());
        assertThat(st.filtered()).isEqualTo(e.filtered());
        assertThat(st.accepted()).isEqualTo(all.size());
        if (!(ordering instanceof Ordering.Unordered)) {
            // acceptance order across producers is unknown, but each producer's own order is part of it
            for (List<Job> lane : lanes) {
                Set<Integer> mine = lane.stream().map(Job::seq).collect(Collectors.toSet());
                assertOrdering(ordering, outputs.stream().filter(o -> mine.contains(o.seq())).toList(), lane);
            }
        }
        assertSinkDiscipline(sink);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void fanOutCombinerAggregateEqualsSequential(Ordering ordering) throws Exception {
        Topology t = topology(Shape.FAN_OUT, ordering, ErrorPolicy.CONTINUE);
        List<Job> jobs = jobs(300, 17);
        List<List<Long>> mine = runCombined(t, jobs, true);
        List<List<Long>> oracle = runCombined(t, jobs, false);
        assertThat(mine).as("the sink gets exactly one aggregate").hasSize(1);
        assertThat(mine).as("aggregate (count, Σseq) equals sequential's").isEqualTo(oracle);
        Expected e = new Workload(t, errors).rates(5, 0.2, 0.1).expect(jobs);
        assertThat(mine.get(0)).isEqualTo(List.of((long) e.outputs().size(),
                e.outputs().stream().mapToLong(Job::seq).sum()));
    }

    private List<List<Long>> runCombined(Topology t, List<Job> jobs, boolean underTest) throws Exception {
        Workload w = new Workload(t, errors).rates(5, 0.2, 0.1);
        RecordingSink<List<Long>> sink = sink();
        Started s = track(t.startCombined(underTest ? engine() : new SequentialEngine(), w, COUNT_AND_SUM, sink));
        Feeder f = feed("combined", () -> submitAll(s, jobs));
        assertThat(f.await(LIVE)).isNull();
        PatternStats st = closeClean(s);
        assertThat(st.failed()).isEqualTo(w.expect(jobs).failures().size());
        assertThat(st.accepted()).isEqualTo(jobs.size());
        assertSinkDiscipline(sink);
        return sink.outputs();
    }

    @ParameterizedTest(name = "failed={0}")
    @ValueSource(booleans = {true, false})
    public void fanOutCombinerDeliversNoAggregateWhenFailedOrCancelled(boolean failed) throws Exception {
        Topology t = topology(Shape.FAN_OUT, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        Workload w = workload(t).failAt(10, 0);
        RecordingSink<List<Long>> sink = sink();
        Started s = track(t.startCombined(engine(), w, COUNT_AND_SUM, sink));
        Feeder f = feed("combined", () -> {
            for (Job j : jobs(failed ? 40 : 5, 3)) {
                s.submit(j);
            }
        });
        f.await(LIVE);
        if (failed) {
            assertThat(catchThrowable(s::close)).isInstanceOf(PatternFailedException.class);
        } else {
            s.cancel();
            assertThat(catchThrowable(s::close)).isInstanceOf(CancellationException.class);
        }
        assertTerminatedClean(s);
        assertThat(sink.outputs()).as("no aggregate after a failure or a cancel").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void mergeOfThreeProducers(Ordering ordering) throws Exception {
        Topology t = topology(Shape.MERGE, ordering, ErrorPolicy.CONTINUE);
        Workload w = workload(t).rates(3, 0.1, 0.05).jitter();
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<List<Job>> lanes = new ArrayList<>();
        List<Feeder> feeders = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            List<Job> mine = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                mine.add(new Job(p * 1000 + i, p * 5 + i % 5, 0));
            }
            lanes.add(mine);
            int input = p;
            feeders.add(feed("merge-" + p, () -> {
                for (Job j : mine) {
                    s.mergeInput(input).submit(j);
                }
                s.mergeInput(input).close(); // ends this input only, returns at once
                s.mergeInput(input).close(); // idempotent
            }));
        }
        for (Feeder f : feeders) {
            assertThat(f.await(LIVE.multipliedBy(2))).isNull();
        }
        assertThat(s.awaitTermination(LIVE_MS)).as("the merge ends once all inputs are closed").isTrue();
        PatternStats st = closeClean(s);
        List<Job> all = lanes.stream().flatMap(List::stream).toList();
        Expected e = w.expect(all);
        assertThat(sink.outputs()).containsExactlyInAnyOrderElementsOf(e.outputs());
        assertThat(st.failed()).isEqualTo(e.failures().size());
        assertThat(st.filtered()).isEqualTo(e.filtered());
        for (List<Job> lane : lanes) {
            Set<Integer> mine = lane.stream().map(Job::seq).collect(Collectors.toSet());
            assertOrdering(ordering, sink.outputs().stream().filter(o -> mine.contains(o.seq())).toList(), lane);
        }
        assertSinkDiscipline(sink);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void mergeInputCloseDoesNotWaitAndOtherInputsGoOn(Ordering ordering) throws Exception {
        Topology t = topology(Shape.MERGE, ordering, ErrorPolicy.CONTINUE);
        RecordingSink<Job> sink = sink();
        Started s = start(t, workload(t), sink);
        Feeder f = feed("merge-close", () -> {
            s.mergeInput(0).submit(Job.of(0, 4));
            s.mergeInput(0).close();
            s.mergeInput(1).submit(Job.of(1, 4));
            s.mergeInput(2).submit(Job.of(2, 4));
        });
        assertThat(f.await(LIVE)).isNull();
        assertThat(catchThrowable(() -> s.mergeInput(0).submit(Job.of(3, 4))))
                .as("submit on a closed merge input").isInstanceOf(IllegalStateException.class);
        Feeder more = feed("merge-more", () -> s.mergeInput(1).submit(Job.of(4, 4)));
        assertThat(more.await(LIVE)).as("other inputs still accept").isNull();
        PatternStats st = closeClean(s);
        assertThat(st.outputs()).isEqualTo(4);
        assertThat(sink.outputs().stream().map(Job::seq).toList()).containsExactlyInAnyOrder(0, 1, 2, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void bufferOneWithEightStagesDoesNotDeadlock(Ordering ordering) throws Exception {
        List<StagePlan> plans = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            plans.add(new StagePlan("s" + i, 1 + i % 2, 1));
        }
        Topology t = topology(Shape.PIPELINE, ordering, ErrorPolicy.CONTINUE).withStages(plans);
        Workload w = workload(t).rates(11, 0.03, 0.02).jitter();
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Job> jobs = jobs(300, 7);
        Feeder f = feed("buffer-one", () -> submitAll(s, jobs));
        assertThat(f.await(LIVE.multipliedBy(2))).isNull();
        PatternStats st = closeClean(s);
        assertMatches(w.expect(jobs), sink, st, ordering, jobs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderings")
    public void pipelineWithDifferentParallelismPerStage(Ordering ordering) throws Exception {
        List<StagePlan> plans = List.of(new StagePlan("a", 1, 4), new StagePlan("b", 4, 2),
                new StagePlan("c", 2, 8), new StagePlan("d", 3, 1));
        Topology t = topology(Shape.PIPELINE, ordering, ErrorPolicy.CONTINUE).withStages(plans).withBlocking();
        Workload w = workload(t).rates(21, 0.1, 0.05).hook((stage, job, ctx) -> {
            if (stage == 1 && job.seq() % 5 == 0) {
                Thread.sleep(1); // a slow item in the wide stage lets later ones overtake it
            }
        });
        RecordingSink<Job> sink = sink();
        Started s = start(t, w, sink);
        List<Job> jobs = jobs(200, 9);
        Feeder f = feed("pipeline", () -> submitAll(s, jobs));
        assertThat(f.await(LIVE.multipliedBy(2))).isNull();
        PatternStats st = closeClean(s);
        assertMatches(w.expect(jobs), sink, st, ordering, jobs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    public void effectiveBuffersCoverEveryLane(Shape shape) throws Exception {
        Topology t = topology(shape, Ordering.UNORDERED, ErrorPolicy.FAIL_FAST);
        Started s = start(t, workload(t), sink());
        List<Integer> buffers = s.stats().effectiveBuffers();
        List<Integer> requested = t.requestedBuffers();
        assertThat(buffers).as("one effective buffer per stage or lane of %s", t).hasSize(requested.size());
        for (int i = 0; i < buffers.size(); i++) {
            assertThat(buffers.get(i)).as("effective buffer %s ≥ requested", i).isGreaterThanOrEqualTo(requested.get(i));
        }
        closeClean(s);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesAndOrderings")
    public void emptyRunClosesCleanly(Shape shape, Ordering ordering) throws Exception {
        Topology t = topology(shape, ordering, ErrorPolicy.FAIL_FAST);
        RecordingSink<Job> sink = sink();
        Started s = start(t, workload(t), sink);
        PatternStats st = closeClean(s);
        assertThat(st.accepted()).isZero();
        assertThat(sink.outputs()).isEmpty();
    }
}
