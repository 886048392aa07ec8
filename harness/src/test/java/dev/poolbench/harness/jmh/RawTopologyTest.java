package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Every raw primitive in every LMAX topology moves several batches, each consumer counting every
 * item once with the right sum, and stops its threads; the verification fails on a wrong count.
 */
class RawTopologyTest {

    /** Bigger than the ring, so producers wrap and wait for consumers. */
    private static final int BATCH = 3 * Topology.CAPACITY + 3;

    static Stream<Arguments> primitivesAndTopologies() {
        return RawTopologies.PRIMITIVES.stream().flatMap(p -> Arrays.stream(Topology.values())
                .map(t -> Arguments.of(p, t)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("primitivesAndTopologies")
    void everyConsumerCountsEveryItemOnce(String primitive, Topology topology) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            BatchTopology raw = RawTopologies.start(primitive, topology, BATCH);
            for (int b = 1; b <= 3; b++) {
                raw.runBatch();
                assertThat(raw.tallies.getLast().count()).isEqualTo((long) b * BATCH);
            }
            raw.close();
            raw.verify();
            assertThat(raw.tallies).hasSize(topology.stages())
                    .allSatisfy(t -> assertThat(t.sum()).isEqualTo(3L * BATCH * (BATCH - 1) / 2));
        });
    }

    @Test
    void aConsumerThatMissedItemsFailsTheVerification() throws Exception {
        BatchTopology raw = RawTopologies.start("abq", Topology.UNICAST, 30);
        raw.runBatch();
        raw.close();
        raw.tallies.getFirst().add(7); // one item too many, as a duplicate would be
        assertThatThrownBy(raw::verify).hasMessageContaining("C1 counted 31 items summing to 442")
                .hasMessageContaining("published 30 summing to 435");
    }

    @Test
    void aBatchMustSplitEvenlyAmongTheProducers() {
        assertThatThrownBy(() -> RawTopologies.start("lbq", Topology.SEQUENCER3, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 3 producers");
    }

    @Test
    void anUnknownPrimitiveIsNamed() {
        assertThatThrownBy(() -> RawTopologies.start("spsc", Topology.UNICAST, 3))
                .hasMessageContaining("primitive 'spsc' is unknown; valid: disruptorBusySpin");
    }
}
