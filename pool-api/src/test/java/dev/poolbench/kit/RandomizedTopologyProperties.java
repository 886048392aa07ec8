package dev.poolbench.kit;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternFailedException;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.engine.sequential.SequentialEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Randomized topologies with failure injection, checked against the {@code sequential} oracle:
 * a random shape, stage count, parallelism, buffers, merge sources, ordering, error policy,
 * filter and failure rates and item count. Under CONTINUE (or FAIL_FAST when nothing fails) the
 * engine must give the oracle's outputs (same multiset for UNORDERED, same sequence for ORDERED,
 * same per-key sequences for KEYED), the same failures and the same counts. Under FAIL_FAST with
 * a failure both must fail, and the engine may only have delivered outputs that were due, in order.
 */
public abstract class RandomizedTopologyProperties extends ErrorAndLifecycleContract {

    @Provide
    Arbitrary<Topology> randomTopologies() {
        Arbitrary<Shape> shape = Arbitraries.of(Shape.values());
        Arbitrary<List<StagePlan>> stages = Combinators.combine(
                        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 8))
                .as((p, b) -> new StagePlan("x", p, b)).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<Integer> sources = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> ordering = Arbitraries.integers().between(0, 2);
        Arbitrary<ErrorPolicy> policy = Arbitraries.of(ErrorPolicy.CONTINUE, ErrorPolicy.CONTINUE, ErrorPolicy.FAIL_FAST);
        return Combinators.combine(shape, stages, sources, ordering, policy).as((sh, st, so, o, po) -> {
            List<StagePlan> named = new ArrayList<>();
            int n = sh == Shape.PIPELINE ? st.size() : 1;
            for (int i = 0; i < n; i++) {
                named.add(new StagePlan("stage" + i, st.get(i).parallelism(), st.get(i).buffer()));
            }
            PatternOptions options = PatternOptions.builder().ordering(ORDERINGS.get(o)).errors(po).build();
            return new Topology(sh, named, sh == Shape.MERGE ? so : 1, false, options);
        });
    }

    /** What one run produced. */
    private record Run(List<Job> outputs, Map<Integer, String> failures, PatternStats stats, Throwable closed) {
    }

    @Property(tries = 40)
    public void randomTopologiesMatchSequential(@ForAll("randomTopologies") Topology topology,
                                                @ForAll @IntRange(min = 0, max = 1000) int seed,
                                                @ForAll @IntRange(min = 0, max = 30) int filterPercent,
                                                @ForAll @IntRange(min = 0, max = 10) int failPercent,
                                                @ForAll @IntRange(min = 0, max = 150) int items,
                                                @ForAll @IntRange(min = 0, max = 3) int withError) {
        WedgeWatch.check(getClass()); // jqwik runs no Jupiter extension: the watchdog is called here
        try {
            // one run in four: the middle job throws an Error at a stage picked by the seed
            int[] error = withError == 0 && items > 0 ? new int[] {items / 2, seed % topology.stages().size()} : null;
            checkAgainstSequential(topology, seed, filterPercent, failPercent, items, error);
        } catch (RuntimeException | Error e) {
            if (WedgeWatch.meansWedged(e) || String.valueOf(e.getMessage()).contains("timed out")) {
                WedgeWatch.record(getClass(), "randomTopologiesMatchSequential " + topology + ": " + e);
            }
            throw e;
        }
    }

    private void checkAgainstSequential(Topology topology, int seed, int filterPercent, int failPercent, int items,
                                        int[] error) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            WorkerErrors workerErrors = new WorkerErrors();
            List<Job> jobs = jobs(items, 11);
            Run oracle = run(new SequentialEngine(), topology, seed, filterPercent, failPercent, jobs, workerErrors, error);
            Run mine = run(engine(), topology, seed, filterPercent, failPercent, jobs, workerErrors, error);
            workerErrors.rethrow();
            Workload w = new Workload(topology, workerErrors).rates(seed, filterPercent / 100.0, failPercent / 100.0);
            if (error != null) {
                w.errorAt(error[0], error[1]);
            }
            Expected expected = w.expect(jobs);
            if (error != null && w.stageName(error[1]).equals(expected.failures().get(error[0]))) {
                // the Error is reached (unless a FAIL_FAST failure cancelled first): fatal under every policy
                boolean alone = expected.failures().size() == 1 || topology.options().errors() == ErrorPolicy.CONTINUE;
                for (Run r : List.of(oracle, mine)) {
                    if (alone) {
                        assertThat(r.closed).as("close() of %s with an Error at job %s", topology, error[0])
                                .isInstanceOf(KitError.class);
                    } else {
                        assertThat(r.closed).as("close() of %s with an Error and failures", topology)
                                .isInstanceOfAny(KitError.class, PatternFailedException.class);
                    }
                }
                assertOrdering(topology.ordering(), mine.outputs, jobs);
                assertThat(new HashSet<>(expected.outputs())).as("outputs delivered were due").containsAll(mine.outputs);
                return;
            }
            boolean fails = topology.options().errors() == ErrorPolicy.FAIL_FAST && !expected.failures().isEmpty();
            if (!fails) {
                assertThat(oracle.closed).as("oracle").isNull();
                assertThat(mine.closed).as("close() of %s", topology).isNull();
                assertSameOutputs(topology.ordering(), mine.outputs, oracle.outputs);
                assertThat(mine.failures).as("failures (job → stage)").isEqualTo(oracle.failures);
                assertThat(counts(mine.stats)).as("counts (accepted, outputs, filtered, failed, cancelled)")
                        .isEqualTo(counts(oracle.stats));
                assertThat(oracle.outputs).as("oracle against prediction").containsExactlyElementsOf(expected.outputs());
            } else {
                assertThat(oracle.closed).as("oracle").isInstanceOf(PatternFailedException.class);
                assertThat(mine.closed).as("close() of %s", topology).isInstanceOf(PatternFailedException.class);
                Job failedInput = (Job) ((PatternFailedException) mine.closed).failure().input();
                assertThat(expected.failures()).as("the reported failure is one that was due")
                        .containsKey(failedInput.seq());
                assertOrdering(topology.ordering(), mine.outputs, jobs);
                assertThat(new HashSet<>(expected.outputs())).as("outputs delivered were due").containsAll(mine.outputs);
            }
        });
    }

    private static List<Long> counts(PatternStats s) {
        return List.of(s.accepted(), s.outputs(), s.filtered(), s.failed(), s.cancelled());
    }

    private static void assertSameOutputs(Ordering ordering, List<Job> mine, List<Job> oracle) {
        if (ordering instanceof Ordering.Ordered) {
            assertThat(mine).as("ORDERED: the oracle's sequence").containsExactlyElementsOf(oracle);
        } else if (ordering instanceof Ordering.Keyed) {
            assertThat(byKey(mine)).as("KEYED: the oracle's per-key sequences").isEqualTo(byKey(oracle));
        } else {
            assertThat(mine).as("UNORDERED: the oracle's multiset").containsExactlyInAnyOrderElementsOf(oracle);
        }
    }

    private static Map<Integer, List<Integer>> byKey(List<Job> outputs) {
        Map<Integer, List<Integer>> m = new LinkedHashMap<>();
        for (Job j : outputs) {
            m.computeIfAbsent(j.key(), k -> new ArrayList<>()).add(j.seq());
        }
        return new java.util.TreeMap<>(m);
    }

    private static Run run(dev.poolbench.api.Engine engine, Topology t, int seed, int filterPercent, int failPercent,
                           List<Job> jobs, WorkerErrors workerErrors, int[] error) throws Exception {
        Workload w = new Workload(t, workerErrors).rates(seed, filterPercent / 100.0, failPercent / 100.0).jitter();
        if (error != null) {
            w.errorAt(error[0], error[1]);
        }
        RecordingSink<Job> sink = new RecordingSink<>(workerErrors);
        Started s = t.start(engine, w, sink);
        try {
            AtomicReference<Throwable> fed = new AtomicReference<>();
            Feeder f = Feeder.start("kit-property-feeder", () -> {
                for (Job j : jobs) {
                    s.submit(j);
                }
            });
            fed.set(f.await(LIVE.multipliedBy(2)));
            if (fed.get() != null && !(fed.get() instanceof CancellationException)) {
                throw new AssertionError("submit threw " + fed.get(), fed.get());
            }
            Throwable closed = null;
            try {
                s.close();
            } catch (RuntimeException | Error e) {
                closed = e;
            }
            PatternStats st = assertTerminatedClean(s);
            assertSinkDiscipline(sink);
            Map<Integer, String> failures = new java.util.TreeMap<>();
            sink.failures().forEach(x -> failures.put(((Job) x.input()).seq(), x.stage()));
            assertThat(st.outputs()).as("outputs counted = delivered").isEqualTo(sink.outputs().size());
            Set<Integer> seen = new HashSet<>();
            sink.outputs().forEach(o -> assertThat(seen.add(o.seq())).as("duplicate output %s", o).isTrue());
            return new Run(sink.outputs(), failures, st, closed);
        } finally {
            if (!s.isTerminated()) {
                s.cancel();
            }
        }
    }
}
