package dev.poolbench.harness.jmh;

import dev.poolbench.harness.workload.RouteLine;

/**
 * The item every hand-off benchmark moves: one route line of the {@code tiny} profile plus the
 * instant it was submitted, so the sink can record its hand-off latency.
 *
 * <p>Parcels are pre-allocated once per trial and reused batch after batch: a batch's round trip
 * ends only when every one of its parcels reached the sink, so a parcel is never in two places.
 * Reuse keeps allocation out of the per-item figure — the engines and the raw baselines then
 * differ only in what they themselves allocate.
 */
public final class Parcel {

    /** The payload the stages pass along (the tiny profile's stages return it unchanged). */
    public RouteLine line;

    /** {@link System#nanoTime()} just before the parcel was handed to the pattern. */
    public long submittedNanos;

    public Parcel(RouteLine line) {
        this.line = line;
    }

    /** {@code n} parcels over distinct generated lines (keys are irrelevant to tiny stages). */
    static Parcel[] batch(int n) {
        Parcel[] parcels = new Parcel[n];
        for (int i = 0; i < n; i++) {
            parcels[i] = new Parcel(new RouteLine(i + 1, "0,10." + (i >>> 16 & 255) + "." + (i >>> 8 & 255) + "."
                    + (i & 255) + "/32,192.0.2.1"));
        }
        return parcels;
    }
}
