package dev.poolbench.harness.workload;

import java.util.Arrays;

/**
 * The forwarding tables next hops are resolved in: per VRF one IPv4 and one IPv6
 * {@link PrefixTrie}, whose values index entries that are either <em>connected</em> (terminal:
 * an egress interface) or <em>recursive</em> (a next hop to look up again). A VRF without its
 * own table resolves in VRF 0's (the global table).
 *
 * <p>{@link #resolve} follows recursive entries by longest-prefix match up to
 * {@value #MAX_DEPTH} lookups, so a loop ends as unresolved. Immutable once built; safe for
 * concurrent lookups.
 */
public final class Fib {

    /** Maximum number of lookups one resolution makes. */
    public static final int MAX_DEPTH = 8;

    /** {@link #resolve} result for a next hop that does not resolve (no route, or a loop). */
    public static final int UNRESOLVED = -1;

    private final PrefixTrie[] v4;
    private final PrefixTrie[] v6;
    private final long[] nhHi;
    private final long[] nhLo;
    private final int[] egress; // >= 0 connected, -1 recursive
    private final int entries;

    private Fib(Builder b) {
        this.v4 = b.v4;
        this.v6 = b.v6;
        this.nhHi = Arrays.copyOf(b.nhHi, b.entries);
        this.nhLo = Arrays.copyOf(b.nhLo, b.entries);
        this.egress = Arrays.copyOf(b.egress, b.entries);
        this.entries = b.entries;
    }

    public static Builder builder(int vrfs) {
        return new Builder(vrfs);
    }

    /**
     * The synthetic FIB of a workload: {@link Topology} in every VRF plus the first
     * {@code tablePrefixes} announces of the generator with {@code config}'s seed, VRF count and
     * IPv6 share (the same prefixes and next hops its stream announces first).
     */
    public static Fib synthetic(GeneratorConfig config, int tablePrefixes) {
        Builder b = builder(config.vrfs());
        for (int v = 0; v < config.vrfs(); v++) {
            Topology.addTo(b, v);
        }
        RouteGenerator.table(config, tablePrefixes, r -> b.recursive(r.vrf(), r.v6(), r.hi(), r.lo(), r.length(),
                r.nhHi(), r.nhLo()));
        return b.build();
    }

    /** Number of VRFs with their own tables. */
    public int vrfs() {
        return v4.length;
    }

    /** Number of prefixes over every table. */
    public long size() {
        long n = 0;
        for (int i = 0; i < v4.length; i++) {
            n += v4[i].size() + v6[i].size();
        }
        return n;
    }

    /**
     * The egress interface the next hop {@code (hi, lo)} reaches in {@code vrf}'s table,
     * resolving recursively, or {@link #UNRESOLVED}.
     */
    public int resolve(int vrf, boolean isV6, long hi, long lo) {
        int table = vrf >= 0 && vrf < v4.length ? vrf : 0;
        PrefixTrie trie = isV6 ? v6[table] : v4[table];
        int previous = PrefixTrie.NONE;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            int e = trie.lookup(hi, lo);
            if (e == PrefixTrie.NONE || e == previous) {
                return UNRESOLVED;
            }
            int out = egress[e];
            if (out >= 0) {
                return out;
            }
            hi = nhHi[e];
            lo = nhLo[e];
            previous = e;
        }
        return UNRESOLVED;
    }

    @Override
    public String toString() {
        return "FIB of " + v4.length + " VRFs, " + size() + " prefixes, " + entries + " entries";
    }

    /** Collects entries; a prefix added twice keeps the last entry. */
    public static final class Builder {
        private final PrefixTrie[] v4;
        private final PrefixTrie[] v6;
        private long[] nhHi = new long[1024];
        private long[] nhLo = new long[1024];
        private int[] egress = new int[1024];
        private int entries;

        private Builder(int vrfs) {
            if (vrfs < 1) {
                throw new IllegalArgumentException("vrfs: " + vrfs + " is invalid; expected >= 1");
            }
            v4 = new PrefixTrie[vrfs];
            v6 = new PrefixTrie[vrfs];
            for (int i = 0; i < vrfs; i++) {
                v4[i] = new PrefixTrie(32);
                v6[i] = new PrefixTrie(128);
            }
        }

        /** A connected subnet: terminal, reached through interface {@code out >= 0}. */
        public Builder connected(int vrf, boolean isV6, long hi, long lo, int length, int out) {
            if (out < 0) {
                throw new IllegalArgumentException("egress: " + out + " is invalid; expected >= 0");
            }
            return add(vrf, isV6, hi, lo, length, 0, 0, out);
        }

        /** A route whose next hop {@code (nhHi, nhLo)} is itself resolved in the same table. */
        public Builder recursive(int vrf, boolean isV6, long hi, long lo, int length, long nhHi, long nhLo) {
            return add(vrf, isV6, hi, lo, length, nhHi, nhLo, -1);
        }

        private Builder add(int vrf, boolean isV6, long hi, long lo, int length, long h, long l, int out) {
            if (vrf < 0 || vrf >= v4.length) {
                throw new IllegalArgumentException("vrf: " + vrf + " out of range 0.." + (v4.length - 1));
            }
            if (entries == egress.length) {
                nhHi = Arrays.copyOf(nhHi, entries * 2);
                nhLo = Arrays.copyOf(nhLo, entries * 2);
                egress = Arrays.copyOf(egress, entries * 2);
            }
            int e = entries++;
            nhHi[e] = h;
            nhLo[e] = l;
            egress[e] = out;
            (isV6 ? v6 : v4)[vrf].put(hi, lo, length, e);
            return this;
        }

        public Fib build() {
            return new Fib(this);
        }
    }
}
