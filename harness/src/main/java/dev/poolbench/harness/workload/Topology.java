package dev.poolbench.harness.workload;

/**
 * The synthetic network every route workload resolves against: 64 core links (connected
 * subnets, the terminal entries of recursive resolution), an IGP reaching the peer loopback
 * space (IPv4 100.64.0.0/10, IPv6 fd00::/16), an unreachable range (198.18.0.0/15,
 * 2001:2::/48: next hops there do not resolve) and a two-route recursion loop (192.0.2.0/24
 * and 198.51.100.0/24, 2001:db8:1::/48 and 2001:db8:2::/48: stopped by the depth limit).
 * The generator avoids these ranges for table prefixes so the intended outcome holds.
 */
public final class Topology {

    /** Number of core links (egress interfaces). */
    public static final int CORE_LINKS = 64;

    static final long V4_PEERS = 0x64400000L;         // 100.64.0.0/10
    static final long V4_CORE = 0xac100000L;          // 172.16.0.0/12, links 172.16.i.0/30
    static final long V4_UNREACHABLE = 0xc6120000L;   // 198.18.0.0/15
    static final long V4_LOOP_A = 0xc0000200L;        // 192.0.2.0/24
    static final long V4_LOOP_B = 0xc6336400L;        // 198.51.100.0/24
    static final long V6_PEERS = 0xfd00L << 48;       // fd00::/16, IGP fd00:i::/32
    static final long V6_CORE = 0xfd7fL << 48;        // fd7f:0:0:i::/64
    static final long V6_UNREACHABLE = 0x2001_0002_0000_0000L; // 2001:2::/48
    static final long V6_LOOP_A = 0x2001_0db8_0001_0000L;      // 2001:db8:1::/48
    static final long V6_LOOP_B = 0x2001_0db8_0002_0000L;      // 2001:db8:2::/48

    private Topology() {
    }

    /** The next hop of a route originated by {@code asn}: a peer loopback (resolves in two steps). */
    public static long[] peerNextHop(long asn, boolean v6) {
        if (!v6) {
            return new long[]{Ip.v4Hi(V4_PEERS + 1 + (asn % ((1 << 22) - 2))), 0};
        }
        return new long[]{V6_PEERS | ((asn % CORE_LINKS) << 32), asn + 1};
    }

    /** An address in the unreachable range. */
    static long[] unreachable(boolean v6, long salt) {
        return v6 ? new long[]{V6_UNREACHABLE, 1 + (salt & 0xffff)}
                : new long[]{Ip.v4Hi(V4_UNREACHABLE + 1 + (salt & 0x1fffe)), 0};
    }

    /** An address in the recursion loop. */
    static long[] loop(boolean v6, long salt) {
        return v6 ? new long[]{V6_LOOP_A, 5 + (salt & 0xff)} : new long[]{Ip.v4Hi(V4_LOOP_A + 5 + (salt & 0x7f)), 0};
    }

    /** Adds the core links, the IGP and the loop to one VRF of a FIB. */
    static void addTo(Fib.Builder fib, int vrf) {
        for (int i = 0; i < CORE_LINKS; i++) {
            long link4 = V4_CORE + ((long) i << 8);
            fib.connected(vrf, false, Ip.v4Hi(link4), 0, 30, i);
            fib.recursive(vrf, false, Ip.v4Hi(V4_PEERS + ((long) i << 16)), 0, 16, Ip.v4Hi(link4 + 1), 0);
            long link6 = V6_CORE | i;
            fib.connected(vrf, true, link6, 0, 64, i);
            fib.recursive(vrf, true, V6_PEERS | ((long) i << 32), 0, 32, link6, 1);
        }
        for (int p = 0; p < 256; p++) { // host routes for the first peers: a deeper trie path
            long link4 = V4_CORE + ((long) ((p * 7) % CORE_LINKS) << 8);
            fib.recursive(vrf, false, Ip.v4Hi(V4_PEERS + p), 0, 32, Ip.v4Hi(link4 + 1), 0);
        }
        fib.recursive(vrf, false, Ip.v4Hi(V4_LOOP_A), 0, 24, Ip.v4Hi(V4_LOOP_B + 1), 0);
        fib.recursive(vrf, false, Ip.v4Hi(V4_LOOP_B), 0, 24, Ip.v4Hi(V4_LOOP_A + 1), 0);
        fib.recursive(vrf, true, V6_LOOP_A, 0, 48, V6_LOOP_B, 1);
        fib.recursive(vrf, true, V6_LOOP_B, 0, 48, V6_LOOP_A, 1);
    }

    /** True if a table prefix would overlap one of the reserved ranges above (or martian space). */
    static boolean reserved(boolean v6, long hi, int length) {
        if (!v6) {
            long a = Ip.v4Of(hi);
            return overlaps4(a, length, 0x0a000000L, 8) || overlaps4(a, length, V4_PEERS, 10)
                    || overlaps4(a, length, V4_CORE, 12) || overlaps4(a, length, V4_UNREACHABLE, 15)
                    || overlaps4(a, length, V4_LOOP_A, 24) || overlaps4(a, length, V4_LOOP_B, 24)
                    || overlaps4(a, length, 0x7f000000L, 8) || overlaps4(a, length, 0xa9fe0000L, 16)
                    || overlaps4(a, length, 0x00000000L, 8) || overlaps4(a, length, 0xe0000000L, 3);
        }
        return overlaps6(hi, length, V6_UNREACHABLE, 48) || overlaps6(hi, length, 0x2001_0db8_0000_0000L, 32);
    }

    private static boolean overlaps4(long a, int len, long b, int blen) {
        int l = Math.min(len, blen);
        long m = l == 0 ? 0 : (0xffffffffL << (32 - l)) & 0xffffffffL;
        return (a & m) == (b & m);
    }

    private static boolean overlaps6(long hi, int len, long b, int blen) {
        int l = Math.min(len, blen);
        return (hi & Ip.maskHi(l)) == (b & Ip.maskHi(l));
    }
}
