package dev.poolbench.harness.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** jmh-result.json: benchmark + params + mode as the key, rawData as samples, scoreUnit as the direction. */
class JmhResultSamplesTest {

    @Test
    void readsEveryBenchmarkWithItsRawDataAndDirection(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jmh-result.json");
        Files.writeString(f, JmhResultSamplesTestData.json(1));
        SampleSet s = JmhResultSamples.read(f);
        assertThat(s.rows()).hasSize(2);
        RowSamples parse = s.rows().values().iterator().next();
        assertThat(parse.key()).isEqualTo("dev.poolbench.harness.jmh.RouteStageBenchmarks.parse{engine=executor,size=1000} avgt");
        Metric m = parse.values().keySet().iterator().next();
        assertThat(m.biggerIsBetter()).isFalse();
        assertThat(m.unit()).isEqualTo("ns/op");
        assertThat(parse.values().get(m)).containsExactly(100, 101, 102, 99, 103, 100.5);
        RowSamples install = s.rows().get("dev.poolbench.harness.jmh.RouteStageBenchmarks.install thrpt");
        assertThat(install.values().keySet().iterator().next().biggerIsBetter()).isTrue();
    }

    @Test
    void slowerTimePerOpIsARegression(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(a, JmhResultSamplesTestData.json(1));
        Files.writeString(b, JmhResultSamplesTestData.json(1.5));
        var cs = Comparer.compare(JmhResultSamples.read(a), JmhResultSamples.read(b), false, Thresholds.defaults(2));
        assertThat(cs.get(0).verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(cs.get(1).verdict()).isEqualTo(Verdict.UNCHANGED);
    }

    @Test
    void malformedJsonIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("jmh-result.json");
        String text = JmhResultSamplesTestData.json(1);
        Files.writeString(f, text.substring(0, text.indexOf("\"secondaryMetrics\"")));
        assertThatThrownBy(() -> JmhResultSamples.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jmh-result.json:").hasMessageContaining("malformed JSON");
        Files.writeString(f, "[\n {\"benchmark\": \"x\", \"mode\": \"thrpt\",\n \"primaryMetric\": {\"scoreUnit\": \"widgets\"}}\n]");
        assertThatThrownBy(() -> JmhResultSamples.read(f)).hasMessageContaining("jmh-result.json:3")
                .hasMessageContaining("widgets");
        Files.writeString(f, "[\n {\"benchmark\": \"x\",\n \"mode\": \"sample\",\n \"primaryMetric\": {\"scoreUnit\": \"us/op\"}}\n]");
        assertThatThrownBy(() -> JmhResultSamples.read(f)).hasMessageContaining("jmh-result.json:4")
                .hasMessageContaining("rawData");
    }
}
