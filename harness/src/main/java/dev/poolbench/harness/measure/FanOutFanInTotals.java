package dev.poolbench.harness.measure;

import dev.poolbench.api.Combiner;
import dev.poolbench.harness.workload.ResolvedRoute;
import dev.poolbench.harness.workload.RouteWorkload;
import org.HdrHistogram.Histogram;

/**
 * The fan-in aggregate of {@link FanOutFanInCombiner}: per-VRF output counts, an
 * order-independent digest of the outputs, and the latency and service-time histograms of the
 * items it folded. Each fan-out worker folds into its own partial (so no partial is touched
 * concurrently); partials are combined at fan-in.
 */
final class FanOutFanInTotals {
    static final int VRF_SLOTS = 4096;

    final long[] perVrf = new long[VRF_SLOTS];
    final Histogram latency = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
    final Histogram service = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
    long count;
    long digest;

    /** The combiner over {@code workload}'s outputs. */
    static Combiner<Timed, FanOutFanInTotals> combiner(RouteWorkload workload) {
        return Combiner.of(FanOutFanInTotals::new, (partial, t) -> partial.fold(workload, t),
                FanOutFanInTotals::combine);
    }

    private FanOutFanInTotals fold(RouteWorkload workload, Timed t) {
        long now = System.nanoTime();
        latency.recordValue(Math.min(LatencyRecorder.HIGHEST_NANOS, Math.max(0, now - t.intendedNanos)));
        service.recordValue(Math.min(LatencyRecorder.HIGHEST_NANOS, Math.max(0, now - t.submitNanos)));
        Object out = t.value;
        int vrf = out instanceof ResolvedRoute r ? r.route().vrf() : 0;
        perVrf[Math.floorMod(vrf, VRF_SLOTS)]++;
        digest += workload.outputKey(out) * 0x9e3779b97f4a7c15L + workload.outputLine(out);
        count++;
        return this;
    }

    private static FanOutFanInTotals combine(FanOutFanInTotals a, FanOutFanInTotals b) {
        FanOutFanInTotals c = new FanOutFanInTotals();
        for (int i = 0; i < VRF_SLOTS; i++) {
            c.perVrf[i] = a.perVrf[i] + b.perVrf[i];
        }
        c.latency.add(a.latency);
        c.latency.add(b.latency);
        c.service.add(a.service);
        c.service.add(b.service);
        c.count = a.count + b.count;
        c.digest = a.digest + b.digest;
        return c;
    }

    /** Sum of the per-VRF counts; equals {@link #count} unless a fold went wrong. */
    long perVrfTotal() {
        long s = 0;
        for (long v : perVrf) {
            s += v;
        }
        return s;
    }
}
