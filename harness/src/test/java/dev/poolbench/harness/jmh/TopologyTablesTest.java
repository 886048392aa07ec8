package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The topology tables: raw ops/s as topology × primitive, and engine / raw as a cost ratio. */
class TopologyTablesTest {

    private static TopologyTables.Score raw(String topology, String primitive, double score) {
        return new TopologyTables.Score("dev.poolbench.harness.jmh.RawTopologyBenchmark.pass",
                Map.of("topology", topology, "primitive", primitive), score);
    }

    private static TopologyTables.Score engine(String topology, String engine, double score) {
        return new TopologyTables.Score("dev.poolbench.harness.jmh.EngineTopologyBenchmark.pass",
                Map.of("topology", topology, "engine", engine), score);
    }

    @Test
    void rawScoresFormATopologyByPrimitiveGridAndEnginesAreDividedByTheirBaseline() {
        List<TopologyTables.Grid> grids = TopologyTables.of(List.of(
                raw("unicast", "lbq", 3_000_000), raw("unicast", "disruptorYielding", 30_000_000),
                raw("pipeline3", "disruptorYielding", 10_000_000), raw("unicast", "disruptorYieldingFenced", 25_000_000),
                engine("unicast", "disruptorYielding", 20_000_000), engine("unicast", "sequential", 50_000_000),
                new TopologyTables.Score("dev.poolbench.harness.jmh.RawHandoffBenchmark.roundTrip",
                        Map.of("pattern", "pool", "primitive", "lbq"), 500)));

        assertThat(grids).hasSize(2);
        TopologyTables.Grid rawGrid = grids.get(0);
        assertThat(rawGrid.header()).containsExactly("topology", "threads", "disruptorYielding",
                "disruptorYieldingFenced", "lbq");
        assertThat(rawGrid.rows()).containsExactly(
                List.of("unicast", "2", "30,000,000", "25,000,000", "3,000,000"),
                List.of("pipeline3", "4", "10,000,000", "-", "-"));
        // engine / contract: the fenced ring's 25 M over the engine's 20 M
        assertThat(grids.get(1).rows()).containsExactly(
                List.of("unicast", "sequential", "50,000,000", "-", "-", "-", "-", "-", "-"),
                List.of("unicast", "disruptorYielding", "20,000,000", "disruptorYielding", "30,000,000", "1.50x",
                        "disruptorYieldingFenced", "25,000,000", "1.25x"));
    }

    @Test
    void withForkRangesTheCostCarriesTheWidestRangeOfAnyPairOfForks() {
        List<TopologyTables.Grid> grids = TopologyTables.of(List.of(
                new TopologyTables.Score("dev.poolbench.harness.jmh.RawTopologyBenchmark.pass",
                        Map.of("topology", "unicast", "primitive", "forkjoin"), 9_000_000, 8_000_000, 10_000_000),
                new TopologyTables.Score("dev.poolbench.harness.jmh.EngineTopologyBenchmark.pass",
                        Map.of("topology", "unicast", "engine", "forkjoin"), 6_000_000, 5_000_000, 6_400_000)));
        // 9 / 6 = 1.50; 8 / 6.4 = 1.25; 10 / 5 = 2.00
        assertThat(grids.get(1).rows()).containsExactly(
                List.of("unicast", "forkjoin", "6,000,000", "forkjoin", "9,000,000", "1.50x [1.25–2.00]",
                        "-", "-", "-"));
    }

    @Test
    void noTopologyBenchmarkNoTable() {
        assertThat(TopologyTables.of(List.of(new TopologyTables.Score("x.RouteStageBenchmarks.parse", Map.of(), 1))))
                .isEmpty();
    }
}
