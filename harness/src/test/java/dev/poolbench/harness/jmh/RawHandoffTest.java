package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every raw baseline, in every topology, delivers each item of several batches exactly once to
 * the one consumer, runs every item through the install step once, and stops its threads; the
 * batch sink detects a lost item and a failing worker.
 */
class RawHandoffTest {

    static Stream<Arguments> primitivesAndPatterns() {
        return RawHandoff.PRIMITIVES.stream().flatMap(p -> Arrays.stream(HandoffPattern.values())
                .map(h -> Arguments.of(p, h)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("primitivesAndPatterns")
    void deliversEveryItemOnce(String primitive, HandoffPattern pattern) {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            TinyStages stages = new TinyStages();
            BatchSink sink = new BatchSink();
            Parcel[] parcels = Parcel.batch(500);
            RawHandoff raw = RawHandoff.start(primitive, pattern, stages, sink);
            for (int batch = 1; batch <= 3; batch++) {
                long expected = sink.expect(parcels.length);
                for (Parcel p : parcels) {
                    raw.submit(p);
                }
                sink.awaitBatch(expected);
                assertThat(sink.delivered()).isEqualTo(batch * 500L);
            }
            raw.close();
            sink.verifyTotal(1500);
            assertThat(stages.installed()).isEqualTo(1500);
        });
    }

    @Test
    void aWorkerFailureIsRethrownByTheWaiter() {
        BatchSink sink = new BatchSink();
        long expected = sink.expect(1);
        sink.fail(new IllegalStateException("boom"));
        assertThatThrownBy(() -> sink.awaitBatch(expected)).hasMessageContaining("boom");
    }

    @Test
    void aMissingOutputFailsTheTotalCheck() {
        BatchSink sink = new BatchSink();
        sink.expect(2);
        sink.deliver(Parcel.batch(1)[0]);
        assertThatThrownBy(() -> sink.verifyTotal(2)).hasMessageContaining("submitted 2 items but the sink saw 1");
    }

    @Test
    void everyEngineHasARawBaseline() {
        for (String e : new String[]{"sequential", "executor", "virtual", "forkjoin", "disruptor"}) {
            assertThat(RawHandoff.PRIMITIVES).contains(RawHandoff.baselineOf(e));
        }
    }
}
