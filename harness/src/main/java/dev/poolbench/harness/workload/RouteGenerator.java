package dev.poolbench.harness.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The seeded synthetic route stream: lines in the {@code vrf,prefix,next_hop,asn,op} format,
 * numbered from 1. Same {@link GeneratorConfig} → byte-identical stream.
 *
 * <ul>
 *   <li>New announces: unique {@code (vrf, prefix)}, IPv4 lengths weighted like the global
 *   table (/24 dominant, then /22, /23, /21, /20, /19, /16 …), IPv6 likewise (/48, /32, /44,
 *   /40 …); prefixes avoid the ranges {@link Topology} reserves. Next hops: 85 % a peer loopback
 *   derived from the origin AS, 8 % an address inside an earlier announced prefix (recursive via
 *   the table), 4 % unreachable, 3 % inside the recursion loop.</li>
 *   <li>Churn lines pick an announced key by a Zipf law over announcement rank and withdraw it
 *   or re-announce it with a new origin AS and next hop.</li>
 *   <li>Bad lines replace a good line with one that parse or validate rejects.</li>
 * </ul>
 * New announces come from their own random stream, so the k-th new announce is the same
 * whatever the churn and bad-line settings: {@link #table} gives the first n of them.
 */
public final class RouteGenerator {

    private static final int[] V4_LENGTHS = {8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24};
    private static final double[] V4_WEIGHTS = {0.02, 0.01, 0.02, 0.04, 0.1, 0.2, 0.4, 0.6, 1.4, 0.9, 1.4, 2.5,
            4.4, 4.6, 11.0, 9.6, 60.0};
    private static final int[] V6_LENGTHS = {28, 29, 30, 32, 33, 34, 35, 36, 40, 42, 44, 45, 46, 47, 48, 56, 64};
    private static final double[] V6_WEIGHTS = {0.3, 3.0, 0.5, 12.0, 1.0, 0.8, 0.6, 3.0, 6.0, 2.0, 8.0, 1.5, 3.0,
            2.5, 50.0, 1.0, 0.8};
    private static final double[] V4_CDF = cdf(V4_WEIGHTS);
    private static final double[] V6_CDF = cdf(V6_WEIGHTS);

    private final GeneratorConfig config;
    private final SplittableRandom prefixRng;
    private final SplittableRandom churnRng;
    private final SplittableRandom badRng;
    private final LongHashSet seen = new LongHashSet();
    // announced keys, in announcement order
    private int[] kVrf = new int[1024];
    private boolean[] kV6 = new boolean[1024];
    private long[] kHi = new long[1024];
    private long[] kLo = new long[1024];
    private byte[] kLen = new byte[1024];
    private int keys;

    private RouteGenerator(GeneratorConfig config) {
        this.config = config;
        this.prefixRng = new SplittableRandom(config.seed());
        this.churnRng = new SplittableRandom(config.seed() ^ 0x6a09e667f3bcc909L);
        this.badRng = new SplittableRandom(config.seed() ^ 0xbb67ae8584caa73bL);
    }

    /** Streams the configured lines to {@code sink}. */
    public static void lines(GeneratorConfig config, Consumer<RouteLine> sink) {
        RouteGenerator g = new RouteGenerator(config);
        for (long line = 1; line <= config.count(); line++) {
            sink.accept(new RouteLine(line, g.nextLine(line)));
        }
    }

    /** The configured lines in a list. */
    public static List<RouteLine> list(GeneratorConfig config) {
        List<RouteLine> out = new ArrayList<>((int) Math.min(config.count(), 1 << 24));
        lines(config, out::add);
        return out;
    }

    /** Writes the configured lines, one per line ({@code \n}), to {@code out}. */
    public static void write(GeneratorConfig config, Writer out) throws IOException {
        try {
            lines(config, l -> {
                try {
                    out.write(l.text());
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The first {@code n} new announces of the stream {@code config} describes, as routes. */
    public static void table(GeneratorConfig config, long n, Consumer<Route> sink) {
        RouteGenerator g = new RouteGenerator(config);
        for (long i = 1; i <= n; i++) {
            sink.accept(g.newRoute(i));
        }
    }

    /**
     * Splits items over {@code producers} by key (as {@link RouteKeys} computes it), keeping
     * their order: producers get disjoint key sets, so the final RIB does not depend on how
     * their submissions interleave.
     */
    public static List<List<RouteLine>> partition(List<RouteLine> items, int producers) {
        if (producers < 1) {
            throw new IllegalArgumentException("producers: " + producers + " is invalid; expected >= 1");
        }
        List<List<RouteLine>> parts = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            parts.add(new ArrayList<>());
        }
        for (RouteLine l : items) {
            parts.get((int) Long.remainderUnsigned(Hashing.mix(RouteKeys.hash(l)), producers)).add(l);
        }
        return parts;
    }

    private String nextLine(long line) {
        Route r;
        if (keys > 0 && churnRng.nextDouble() < config.churn()) {
            int k = zipfRank(keys);
            boolean withdraw = churnRng.nextBoolean();
            long asn = asn(churnRng);
            if (withdraw) {
                r = new Route(line, kVrf[k], kV6[k], kHi[k], kLo[k], kLen[k] & 0xff, 0, 0, asn, Op.WITHDRAW);
            } else {
                long[] nh = Topology.peerNextHop(asn, kV6[k]);
                r = new Route(line, kVrf[k], kV6[k], kHi[k], kLo[k], kLen[k] & 0xff, nh[0], nh[1], asn, Op.ANNOUNCE);
            }
        } else {
            r = newRoute(line);
        }
        String text = r.toLine();
        if (badRng.nextDouble() < config.badFraction()) {
            text = corrupt(r, badRng.nextInt(7));
        }
        return text;
    }

    private Route newRoute(long line) {
        SplittableRandom rng = prefixRng;
        int vrf = config.vrfs() == 1 ? 0 : rng.nextInt(config.vrfs());
        boolean v6 = rng.nextDouble() < config.v6Fraction();
        for (int attempt = 0; ; attempt++) {
            int length;
            long hi;
            long lo;
            if (v6) {
                length = V6_LENGTHS[pick(V6_CDF, rng.nextDouble())];
                hi = (0x2000_0000_0000_0000L | (rng.nextLong() >>> 3)) & Ip.maskHi(length);
                lo = rng.nextLong() & Ip.maskLo(length);
            } else {
                length = V4_LENGTHS[pick(V4_CDF, rng.nextDouble())];
                long a = ((long) (1 + rng.nextInt(223)) << 24) | rng.nextInt(1 << 24);
                hi = Ip.v4Hi(a) & Ip.maskHi(length);
                lo = 0;
            }
            if (Topology.reserved(v6, hi, length) || !seen.add(RouteKeys.hash(vrf, v6, hi, lo, length))) {
                if (attempt > 10_000) {
                    throw new IllegalStateException("generator: cannot find a new prefix after 10000 attempts");
                }
                continue;
            }
            long asn = asn(rng);
            long[] nh = nextHop(rng, vrf, v6, asn);
            remember(vrf, v6, hi, lo, length);
            return new Route(line, vrf, v6, hi, lo, length, nh[0], nh[1], asn, Op.ANNOUNCE);
        }
    }

    private long[] nextHop(SplittableRandom rng, int vrf, boolean v6, long asn) {
        double u = rng.nextDouble();
        if (u < 0.85 || keys == 0) {
            return Topology.peerNextHop(asn, v6);
        }
        if (u < 0.93) {
            int j = rng.nextInt(keys);
            int len = kLen[j] & 0xff;
            if (kV6[j] == v6 && kVrf[j] == vrf && len < Ip.width(v6)) {
                return v6 ? new long[]{kHi[j], kLo[j] | 1} : new long[]{kHi[j] | (1L << 32), 0};
            }
            return Topology.peerNextHop(asn, v6);
        }
        if (u < 0.97) {
            return Topology.unreachable(v6, rng.nextLong());
        }
        return Topology.loop(v6, rng.nextLong());
    }

    private void remember(int vrf, boolean v6, long hi, long lo, int length) {
        if (keys == kVrf.length) {
            int cap = keys * 2;
            kVrf = Arrays.copyOf(kVrf, cap);
            kV6 = Arrays.copyOf(kV6, cap);
            kHi = Arrays.copyOf(kHi, cap);
            kLo = Arrays.copyOf(kLo, cap);
            kLen = Arrays.copyOf(kLen, cap);
        }
        kVrf[keys] = vrf;
        kV6[keys] = v6;
        kHi[keys] = hi;
        kLo[keys] = lo;
        kLen[keys] = (byte) length;
        keys++;
    }

    /** A rank in [0, n) from a bounded continuous Zipf law of exponent {@code config.zipf()}. */
    private int zipfRank(int n) {
        double u = churnRng.nextDouble();
        double s = config.zipf();
        double x;
        if (s == 0) {
            x = 1 + u * n;
        } else if (Math.abs(s - 1) < 1e-9) {
            x = StrictMath.pow(n + 1.0, u);
        } else {
            double t = StrictMath.pow(n + 1.0, 1 - s) - 1;
            x = StrictMath.pow(1 + u * t, 1 / (1 - s));
        }
        return (int) Math.min(n - 1, Math.max(0, (long) x - 1));
    }

    private static long asn(SplittableRandom rng) {
        return rng.nextDouble() < 0.7 ? 1 + rng.nextInt(64_495) : 131_072 + rng.nextInt(270_000);
    }

    private String corrupt(Route r, int kind) {
        String prefix = Ip.format(r.v6(), r.hi(), r.lo());
        String nh = Ip.format(r.v6(), r.nhHi(), r.nhLo());
        int width = Ip.width(r.v6());
        switch (kind) {
            case 0:
                return "not-a-route-" + r.line();
            case 1:
                return r.vrf() + "," + prefix + "/" + r.length();
            case 2:
                return r.vrf() + "," + prefix + "/" + (width + 1) + "," + nh + "," + r.asn() + ",A";
            case 3:
                if (r.length() < width && r.length() > 0) {
                    String withHost = r.v6() ? Ip.format(true, r.hi(), r.lo() | 1)
                            : Ip.format(false, r.hi() | (1L << 32), 0);
                    return r.vrf() + "," + withHost + "/" + r.length() + "," + nh + "," + r.asn() + ",A";
                }
                return r.vrf() + "," + prefix + "/" + (width + 7) + "," + nh + "," + r.asn() + ",A";
            case 4:
                return r.vrf() + "," + prefix + "/" + r.length() + "," + (r.v6() ? "ff02::1" : "127.0.0.1") + ","
                        + r.asn() + ",A";
            case 5:
                return (RouteValidator.MAX_VRF + 1 + r.vrf()) + "," + prefix + "/" + r.length() + "," + nh + ","
                        + r.asn() + ",A";
            default:
                return r.vrf() + "," + (r.v6() ? "2001:db8::g" : "300.1.2.0") + "/" + r.length() + "," + nh + ","
                        + r.asn() + ",A";
        }
    }

    private static double[] cdf(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double[] c = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            c[i] = acc / total;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    private static int pick(double[] cdf, double u) {
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }
}
