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
 * Every engine choice in every LMAX topology moves several batches through the contract, each
 * adding stage and the sink counting every item once with the right sum, and closes.
 */
class EngineTopologyTest {

    private static final int BATCH = Topology.CAPACITY + 2; // a multiple of 3, more than a buffer

    static Stream<Arguments> enginesAndTopologies() {
        return TopologyEngine.ALL.stream().flatMap(e -> Arrays.stream(Topology.values()).map(t -> Arguments.of(e, t)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndTopologies")
    void everyConsumerCountsEveryItemOnce(TopologyEngine engine, Topology topology) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            BatchTopology t = new EngineTopology(engine, topology, BATCH);
            for (int b = 1; b <= 2; b++) {
                t.runBatch();
                assertThat(t.tallies.getLast().count()).isEqualTo((long) b * BATCH);
            }
            t.close();
            t.verify();
            assertThat(t.tallies).hasSize(topology.stages() + 1);
        });
    }

    @Test
    void everyRawBaselineIsARawPrimitive() {
        for (TopologyEngine e : TopologyEngine.ALL) {
            if (e.rawBaseline() != null) {
                assertThat(RawTopologies.PRIMITIVES).contains(e.rawBaseline());
            }
        }
        assertThat(TopologyEngine.of("disruptorYielding").options()).containsEntry("disruptor.wait", "yielding");
    }

    @Test
    void anUnknownEngineIsNamed() {
        assertThatThrownBy(() -> TopologyEngine.of("akka")).hasMessageContaining("engine 'akka' is unknown; valid: sequential");
    }
}
