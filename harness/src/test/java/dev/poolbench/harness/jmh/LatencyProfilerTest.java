package dev.poolbench.harness.jmh;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The latency percentiles aggregate by merging the iterations' histograms: a tail that only one
 * iteration had is weighed by its items, not by its iteration.
 */
class LatencyProfilerTest {

    private static Histogram histogram(long valueNanos, int count) {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(valueNanos, count);
        return h;
    }

    @Test
    void iterationsMergeTheirHistogramsInsteadOfAveragingPercentiles() {
        // iteration 1: 9,900 items at 10 us; iteration 2: 100 items at 1 ms
        PercentileResult quiet = new PercentileResult("lat.p99", 99.0, histogram(10_000, 9_900));
        PercentileResult spiky = new PercentileResult("lat.p99", 99.0, histogram(1_000_000, 100));
        assertThat(quiet.getScore()).isCloseTo(10.0, within(0.1));
        assertThat(spiky.getScore()).isCloseTo(1000.0, within(1.0));

        PercentileResult merged = quiet.getIterationAggregator().aggregate(List.of(quiet, spiky));

        // of 10,000 items, the 9,900th is the last at 10 us: p99 = 10 us (the average of p99s would be 505 us)
        assertThat(merged.getScore()).isCloseTo(10.0, within(0.1));
        assertThat(merged.histogram().getTotalCount()).isEqualTo(10_000);
        PercentileResult p999 = new PercentileResult("lat.p999", 99.9, histogram(10_000, 9_900));
        PercentileResult merged999 = p999.getIterationAggregator()
                .aggregate(List.of(p999, new PercentileResult("lat.p999", 99.9, histogram(1_000_000, 100))));
        assertThat(merged999.getScore()).isCloseTo(1000.0, within(1.0));
        // the spread beside it is the per-iteration values
        assertThat(merged.getStatistics().getN()).isEqualTo(2);
        assertThat(merged.getStatistics().getMax()).isCloseTo(1000.0, within(1.0));
    }

    @Test
    void aggregatesOfAggregatesKeepEveryItem() {
        PercentileResult a = new PercentileResult("lat.p50", 50.0, histogram(1_000, 3));
        PercentileResult b = new PercentileResult("lat.p50", 50.0, histogram(2_000, 3));
        PercentileResult c = new PercentileResult("lat.p50", 50.0, histogram(3_000, 10));
        PercentileResult forkOne = a.getIterationAggregator().aggregate(List.of(a, b));
        PercentileResult all = a.getIterationAggregator().aggregate(List.of(forkOne, c));
        assertThat(all.histogram().getTotalCount()).isEqualTo(16);
        assertThat(all.getScore()).isCloseTo(3.0, within(0.01));
        assertThat(all.getStatistics().getN()).isEqualTo(3);
    }

    @Test
    void theHistogramSurvivesSerialisationFromTheFork() throws Exception {
        PercentileResult r = new PercentileResult("lat.p99", 99.0, histogram(123_000, 7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        PercentileResult back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PercentileResult) in.readObject();
        }
        assertThat(back.getScore()).isEqualTo(r.getScore());
        assertThat(back.getLabel()).isEqualTo("lat.p99");
        assertThat(back.histogram().getTotalCount()).isEqualTo(7);
    }
}
