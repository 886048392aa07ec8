package dev.poolbench.harness.measure;

import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Running;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;
import dev.poolbench.engine.sequential.SequentialEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * wrk2's demonstration, planted: an open-loop run at 1,000 items/s for 1 s whose stage stalls
 * once for 200 ms. Every item scheduled during the stall waits for it, so about a fifth of
 * the items see up to 200 ms from their intended start, and the corrected p99 must show it. The
 * service time (from the actual submit) hides it: the producer itself was held up, as a closed
 * loop benchmark would be. Bounds are wide: this is about presence, not precision.
 */
class CoordinatedOmissionTest {

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aStallShowsInTheCorrectedP99() throws Exception {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            items.add(i);
        }
        StageSpec<Timed, Timed> stage = StageSpec.<Timed, Timed>of("stall-once", (t, ctx) -> {
            if ((Integer) t.value() == 100) {
                Thread.sleep(200);
            }
            return t;
        });
        LatencyRecorder recorder = new LatencyRecorder();
        PatternOptions options = PatternOptions.builder().errors(ErrorPolicy.FAIL_FAST).build();
        try (Running<Timed> pool = new SequentialEngine().workerPool(WorkerPool.of(stage, options), recorder)) {
            String error = Producer.submitAll(pool, items, new Arrivals(Arrivals.Kind.CONSTANT, 1000, 1),
                    System.nanoTime());
            assertThat(error).isNull();
        }
        assertThat(recorder.outputs).isEqualTo(1000);
        long correctedP99 = recorder.latency.getValueAtPercentile(99);
        long serviceP99 = recorder.service.getValueAtPercentile(99);
        assertThat(correctedP99).as("corrected p99 (ns)").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(recorder.latency.getMaxValue()).as("corrected max (ns)")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(180));
        assertThat(serviceP99).as("service p99 (ns) hides the stall").isLessThan(correctedP99 / 2);
    }
}
