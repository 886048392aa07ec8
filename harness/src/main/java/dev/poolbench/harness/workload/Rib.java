package dev.poolbench.harness.workload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The routing information bases the {@code install} stage writes: one concurrent map per VRF
 * from prefix to (next hop, origin AS, egress), shared by every worker. Thread-safe; updates of
 * different prefixes never block each other. {@link #digest()} is independent of the order in
 * which the final entries were installed.
 */
public final class Rib {

    private record Prefix(boolean v6, long hi, long lo, int length) {
    }

    private record Entry(long nhHi, long nhLo, long asn, int egress) {
    }

    private final AtomicReferenceArray<ConcurrentHashMap<Prefix, Entry>> vrfs =
            new AtomicReferenceArray<>(RouteValidator.MAX_VRF + 1);

    /** Applies an announce (install or replace) or a withdraw (remove; no-op if absent). */
    public void apply(ResolvedRoute resolved) {
        Route r = resolved.route();
        Prefix p = new Prefix(r.v6(), r.hi(), r.lo(), r.length());
        if (r.op() == Op.ANNOUNCE) {
            table(r.vrf()).put(p, new Entry(r.nhHi(), r.nhLo(), r.asn(), resolved.egress()));
        } else {
            table(r.vrf()).remove(p);
        }
    }

    /** Number of prefixes over every VRF. */
    public long size() {
        long n = 0;
        for (int v = 0; v < vrfs.length(); v++) {
            var t = vrfs.get(v);
            if (t != null) {
                n += t.size();
            }
        }
        return n;
    }

    /** An order-independent digest of every VRF's entries (call when no install runs). */
    public long digest() {
        long sum = 0;
        long n = 0;
        for (int v = 0; v < vrfs.length(); v++) {
            var t = vrfs.get(v);
            if (t == null) {
                continue;
            }
            for (var e : t.entrySet()) {
                Prefix p = e.getKey();
                Entry x = e.getValue();
                long h = RouteKeys.hash(v, p.v6(), p.hi(), p.lo(), p.length());
                h = Hashing.combine(h, x.nhHi());
                h = Hashing.combine(h, x.nhLo());
                h = Hashing.combine(h, x.asn());
                sum += Hashing.combine(h, x.egress());
                n++;
            }
        }
        return Hashing.combine(sum, n);
    }

    private ConcurrentHashMap<Prefix, Entry> table(int vrf) {
        var t = vrfs.get(vrf);
        if (t == null) {
            vrfs.compareAndSet(vrf, null, new ConcurrentHashMap<>());
            t = vrfs.get(vrf);
        }
        return t;
    }
}
