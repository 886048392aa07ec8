package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Running;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.engine.sequential.SequentialEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-loop generator never hides lateness, and tells whose lateness it was. Three planted
 * cases on the caller-runs {@code sequential} engine, 1,000 items/s: a stall inside the engine
 * (wrk2's demonstration: corrected p99 shows it, service time does not), a stall of the
 * generator itself (generator lag, not service time), and an engine slower than the arrivals
 * (admission wait inside submit, not generator lag). Bounds are wide: presence, not precision.
 */
class CoordinatedOmissionTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static List<Integer> items(int n) {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(i);
        }
        return items;
    }

    private record Run(LatencyRecorder recorder, Producer.Report report) {
    }

    private static Run run(StageSpec<Timed, Timed> stage, List<Integer> items, double rate, long windowNanos) {
        return run(new SequentialEngine(), stage, items, rate, windowNanos);
    }

    private static Run run(Engine engine, StageSpec<Timed, Timed> stage, List<Integer> items, double rate,
                           long windowNanos) {
        LatencyRecorder recorder = new LatencyRecorder();
        PatternOptions options = PatternOptions.builder().errors(ErrorPolicy.FAIL_FAST).build();
        Producer.Report report;
        try (Running<Timed> pool = engine.workerPool(WorkerPool.of(stage, options), recorder)) {
            long start = System.nanoTime() + MS;
            report = Producer.openLoop(pool, items, new Arrivals(Arrivals.Kind.CONSTANT, rate, 1), start,
                    start + windowNanos, start + windowNanos + 10_000 * MS);
        }
        assertThat(report.error).isNull();
        return new Run(recorder, report);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStallInTheEngineShowsInTheCorrectedP99() {
        StageSpec<Timed, Timed> stage = StageSpec.of("stall-once", (t, ctx) -> {
            if ((Integer) t.value() == 100) {
                Thread.sleep(200);
            }
            return t;
        });
        Run r = run(stage, items(1000), 1000, 1000 * MS);
        assertThat(r.recorder.outputs).isEqualTo(1000);
        long correctedP99 = r.recorder.latency.getValueAtPercentile(99);
        assertThat(correctedP99).as("corrected p99 (ns)").isGreaterThan(100 * MS);
        assertThat(r.recorder.latency.getMaxValue()).as("corrected max (ns)").isGreaterThanOrEqualTo(180 * MS);
        assertThat(r.recorder.service.getValueAtPercentile(99)).as("service p99 (ns) hides the stall")
                .isLessThan(correctedP99 / 2);
        // caller-runs: the stall is inside submit, so it is admission wait, never the generator's lag
        assertThat(r.report.admission.getMaxValue()).as("admission max (ns)").isGreaterThanOrEqualTo(180 * MS);
        assertThat(r.report.lag.getValueAtPercentile(99)).as("generator lag p99 (ns)").isLessThan(correctedP99 / 2);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStalledGeneratorShowsAsGeneratorLagNotServiceTime() {
        List<Integer> real = items(1000);
        // the generator reads item 100 from its list outside submit: a 50 ms stall there is its own
        List<Integer> stalling = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                if (index == 100) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return real.get(index);
            }

            @Override
            public int size() {
                return real.size();
            }
        };
        Run r = run(StageSpec.of("echo", (t, ctx) -> t), stalling, 1000, 1000 * MS);
        assertThat(r.report.lag.getMaxValue()).as("generator lag max (ns)").isGreaterThanOrEqualTo(45 * MS);
        assertThat(r.recorder.latency.getMaxValue()).as("corrected max (ns)").isGreaterThanOrEqualTo(45 * MS);
        // Had the stall leaked into service time or admission wait, the ~10 items due during it would
        // show 41-50 ms there; 40 ms leaves room for a host stall of a loaded CI machine (28 ms seen).
        assertThat(r.recorder.service.getValueAtPercentile(99.9)).as("service p99.9 (ns)").isLessThan(40 * MS);
        assertThat(r.report.admission.getValueAtPercentile(99)).as("admission p99 (ns)").isLessThan(40 * MS);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFullBufferShowsAsAdmissionWaitNotGeneratorLag() {
        // the executor engine, one worker, a buffer of 1, 2 ms per item, offered 1,000 items/s: the
        // buffer is full almost always and each submit waits for the worker to take the next item
        StageSpec<Timed, Timed> slow = StageSpec.<Timed, Timed>of("slow", (t, ctx) -> {
            Thread.sleep(2);
            return t;
        }).withParallelism(1).withBuffer(1);
        Run r = run(Engines.byName("executor"), slow, items(400), 1000, 300 * MS);
        long admissionP50 = r.report.admission.getValueAtPercentile(50);
        assertThat(admissionP50).as("admission p50 (ns)").isGreaterThanOrEqualTo(MS);
        assertThat(r.report.lag.getValueAtPercentile(50)).as("generator lag p50 (ns)").isLessThan(admissionP50 / 2);
        assertThat(r.recorder.service.getValueAtPercentile(50)).as("service p50 (ns): buffer wait + 2 ms")
                .isGreaterThanOrEqualTo(2 * MS);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCallerRunsEngineThatCannotKeepUpShowsAsAdmissionWaitNotGeneratorLag() {
        // 2 ms per item at 1,000 items/s: the engine cannot keep up, every submit blocks ~2 ms
        StageSpec<Timed, Timed> slow = StageSpec.of("slow", (t, ctx) -> {
            Thread.sleep(2);
            return t;
        });
        Run r = run(slow, items(400), 1000, 300 * MS);
        long admissionP50 = r.report.admission.getValueAtPercentile(50);
        assertThat(admissionP50).as("admission p50 (ns)").isGreaterThanOrEqualTo(19 * MS / 10);
        assertThat(r.report.lag.getValueAtPercentile(50)).as("generator lag p50 (ns)").isLessThan(admissionP50 / 2);
        assertThat(r.recorder.latency.getMaxValue()).as("corrected max (ns) grows with the backlog")
                .isGreaterThan(100 * MS);
    }
}
