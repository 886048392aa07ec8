package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What ResultsWriter writes, ResultsReader reads back, in any default locale; damage is named by file and line. */
class ResultsRoundTripTest {

    private static RowResult row(String engine, double... throughputs) {
        RowSpec spec = new RowSpec(engine, "OneToManyWorkerPool", "cpu", 2, 1024, Map.of(), List.of(0.5), 0, 0, 200,
                Duration.ofMillis(100), 1, throughputs.length, 42, null, false);
        PhaseResult ph = PhaseResult.empty("throughput", Double.NaN, 0);
        for (int i = 0; i < throughputs.length; i++) {
            Histogram h = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
            for (int v = 1; v <= 1000; v++) {
                h.recordValue(v * 1000L); // 1..1000 µs
            }
            ph.add(Samples.sample(i, 0, 1000, 1_000_000_000L, throughputs[i], 500, 990, 999, 1000, 1234.5, true, ""),
                    Map.of(HistogramKind.LATENCY, h, HistogramKind.SERVICE, h));
        }
        return new RowResult(spec, "pool", 2, 1024, List.of(ph), null, List.of());
    }

    @Test
    void writesAndReadsBackEveryFileWithDecimalPoints(@TempDir Path dir) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma locale must not leak into the files
        try {
            new ResultsWriter(dir).write(Map.of("seed", "42"), List.of(row("sequential", 100.5, 200.5, 300.5),
                    row("executor", 1000.25, 3000.75, 2000.5)));
        } finally {
            Locale.setDefault(before);
        }
        List<ResultsReader.Line> summary = ResultsReader.summary(dir);
        assertThat(summary).hasSize(2);
        ResultsReader.Line exec = summary.get(1);
        assertThat(exec.text("engine")).isEqualTo("executor");
        assertThat(exec.number("throughput_ops_s")).isEqualTo(2000.5);
        assertThat(exec.number("throughput_min_ops_s")).isEqualTo(1000.25);
        assertThat(exec.number("throughput_max_ops_s")).isEqualTo(3000.75);
        assertThat(exec.number("p50_us")).isBetween(495.0, 505.0);
        assertThat(exec.number("speedup_vs_sequential")).isEqualTo(2000.5 / 200.5, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(exec.bool("valid")).isTrue();
        assertThat(ResultsReader.samples(dir)).hasSize(6);
        assertThat(ResultsReader.histograms(dir)).isNotEmpty();
        assertThat(ResultsReader.manifest(dir)).containsEntry("seed", "42");
        assertThat(Files.readString(dir.resolve("summary.csv"))).doesNotContain("2000,5");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).contains("bigger-is-better.json",
                    "smaller-is-better.json").anyMatch(n -> n.endsWith(".hgrm")).anyMatch(n -> n.endsWith(".hlog"));
        }
    }

    @Test
    void aTruncatedLineIsNamedByFileAndLine(@TempDir Path dir) throws Exception {
        new ResultsWriter(dir).write(Map.of(), List.of(row("sequential", 1, 2, 3)));
        Path samples = dir.resolve("samples.csv");
        List<String> lines = Files.readAllLines(samples, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.length() / 2));
        Files.write(samples, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ResultsReader.samples(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples.csv:" + lines.size());
    }

    @Test
    void aMissingColumnOrFileIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("summary.csv"), "engine,scenario\nx,y\n");
        assertThatThrownBy(() -> ResultsReader.summary(dir)).hasMessageContaining("summary.csv:1: header lacks");
        assertThatThrownBy(() -> ResultsReader.samples(dir)).hasMessageContaining("samples.csv: missing");
    }
}
