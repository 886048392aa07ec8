package dev.poolbench.harness.jmh;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.ListStatistics;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * A latency percentile as a JMH secondary result that carries its histogram, so that JMH's
 * aggregation across iterations and forks merges the histograms ({@link Histogram#add}) and reads
 * the percentile off the merged one — the percentile of all the items, not an average of
 * per-iteration percentiles, which understates a tail concentrated in a few iterations. The
 * statistics beside it (JMH's ± error) are the per-iteration percentiles, a measure of their
 * spread.
 *
 * <p>The histogram travels from the fork to the host JVM compressed (HdrHistogram's own encoding),
 * since JMH serialises results.
 */
final class PercentileResult extends Result<PercentileResult> {

    private static final long serialVersionUID = 1L;

    private final double percentile;
    private final byte[] histogram;

    /** One iteration's percentile {@code percentile} of {@code h} (values in ns), reported in µs. */
    PercentileResult(String label, double percentile, Histogram h) {
        this(label, percentile, encode(h), statistics(micros(h, percentile)));
    }

    private PercentileResult(String label, double percentile, byte[] histogram, ListStatistics statistics) {
        super(ResultRole.SECONDARY, label, statistics, "us", AggregationPolicy.AVG);
        this.percentile = percentile;
        this.histogram = histogram;
    }

    /** The percentile of the (merged) histogram, in µs. */
    @Override
    public double getScore() {
        return micros(histogram(), percentile);
    }

    /** The histogram behind the score (merged, for an aggregate). */
    Histogram histogram() {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(histogram), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("latency histogram of " + label + " is corrupt", e);
        }
    }

    @Override
    protected Aggregator<PercentileResult> getThreadAggregator() {
        return PercentileResult::merge;
    }

    @Override
    protected Aggregator<PercentileResult> getIterationAggregator() {
        return PercentileResult::merge;
    }

    private static PercentileResult merge(Collection<PercentileResult> results) {
        PercentileResult first = results.iterator().next();
        Histogram merged = null;
        ListStatistics spread = new ListStatistics();
        for (PercentileResult r : results) {
            Histogram h = r.histogram();
            if (merged == null) {
                merged = h;
            } else {
                merged.add(h);
            }
            Iterator<Map.Entry<Double, Long>> raw = r.statistics.getRawData();
            while (raw.hasNext()) {
                Map.Entry<Double, Long> e = raw.next();
                for (long k = 0; k < e.getValue(); k++) {
                    spread.addValue(e.getKey());
                }
            }
        }
        return new PercentileResult(first.label, first.percentile, encode(merged), spread);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static ListStatistics statistics(double value) {
        ListStatistics s = new ListStatistics();
        s.addValue(value);
        return s;
    }

    private static byte[] encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] out = new byte[length];
        buffer.flip();
        buffer.get(out);
        return out;
    }
}
