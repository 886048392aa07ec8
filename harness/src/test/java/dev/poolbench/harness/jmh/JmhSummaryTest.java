package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-off overhead table: each engine beside its raw primitive and its contract baseline. */
class JmhSummaryTest {

    @Test
    void anEngineIsSetAgainstItsRawPrimitiveAndItsContractBaseline() {
        Map<String, ForkScores> engine = new LinkedHashMap<>();
        engine.put("disruptor/fanout3", ForkScores.of(330, 300, 360));
        Map<String, ForkScores> raw = Map.of(
                "disruptor/fanout3", ForkScores.of(220, 200, 240),
                "disruptorFenced/fanout3", ForkScores.of(300, 280, 320));

        List<String> rows = JmhSummary.handoffRows(engine, raw);

        // 330 / 220 = 1.50, widest 300 / 240 = 1.25 .. 360 / 200 = 1.80; 330 / 300 = 1.10, 300 / 320 .. 360 / 280
        assertThat(rows).containsExactly("| fanout3 | disruptor | 330 [300–360] | disruptor | 220 [200–240]"
                + " | 1.50x [1.25–1.80] | disruptorFenced | 300 [280–320] | 1.10x [0.94–1.29] |");
    }

    @Test
    void aMissingOrAbsentBaselineLeavesItsCellsEmptyAndPatternsKeepTheirOrder() {
        Map<String, ForkScores> engine = new LinkedHashMap<>();
        engine.put("executor/merge3", ForkScores.of(900));
        engine.put("executor/pool", ForkScores.of(700));
        engine.put("virtual/pool", ForkScores.of(800));
        Map<String, ForkScores> raw = Map.of("threadpool/pool", ForkScores.of(700), "virtual/pool", ForkScores.of(400));

        List<String> rows = JmhSummary.handoffRows(engine, raw);

        assertThat(rows).containsExactly(
                "| pool | executor | 700 | threadpool | 700 | 1.00x | - | - | - |",
                "| pool | virtual | 800 | virtual | 400 | 2.00x | virtualNamed | - | - |",
                "| merge3 | executor | 900 | threadpool | - | - | - | - | - |");
    }
}
