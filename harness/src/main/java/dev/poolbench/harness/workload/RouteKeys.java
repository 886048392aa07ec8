package dev.poolbench.harness.workload;

/**
 * The KEYED ordering key of the route workloads: {@code (vrf, prefix)} as a 64-bit hash,
 * computed from a {@link RouteLine} by a light scan of its first two fields (no full parse,
 * no validation, no allocation for IPv4) or from a parsed {@link Route} — both give the same
 * value for the same update. Lines whose first two fields do not scan get a hash of that
 * text instead; the function never throws. Equal hashes of different prefixes only make the
 * ordering coarser (those items are serialised too), never wrong.
 */
public final class RouteKeys {

    private RouteKeys() {
    }

    /** The key as a boxed value, for {@link dev.poolbench.api.Ordering#keyed}. */
    public static Object key(RouteLine line) {
        return hash(line);
    }

    /** The key hash of a route. */
    public static long hash(Route r) {
        return hash(r.vrf(), r.v6(), r.hi(), r.lo(), r.length());
    }

    /** The key hash of {@code (vrf, prefix)}. */
    public static long hash(int vrf, boolean v6, long hi, long lo, int length) {
        long h = Hashing.mix(((long) vrf << 9) ^ ((long) length << 1) ^ (v6 ? 1 : 0));
        h = Hashing.combine(h, hi);
        return Hashing.combine(h, lo);
    }

    /** The key hash of an input line, by a light scan of {@code vrf,prefix}. */
    public static long hash(RouteLine line) {
        String s = line.text();
        int n = s.length();
        int c1 = s.indexOf(',');
        int c2 = c1 < 0 ? -1 : s.indexOf(',', c1 + 1);
        int end = c2 < 0 ? n : c2;
        if (line.malformed() == null && c1 > 0) {
            int a = skipBlanks(s, 0, c1);
            int b = trimEnd(s, a, c1);
            long vrf = RouteParser.decimal(s, a, b, 10);
            int pa = skipBlanks(s, c1 + 1, end);
            int pb = trimEnd(s, pa, end);
            int slash = s.indexOf('/', pa);
            if (vrf >= 0 && vrf <= Integer.MAX_VALUE && slash > pa && slash < pb) {
                long len = RouteParser.decimal(s, slash + 1, pb, 3);
                if (len >= 0) {
                    if (Ip.looksV6(s, pa, slash)) {
                        long[] v = new long[2];
                        if (Ip.parseV6(s, pa, slash, v)) {
                            return hash((int) vrf, true, v[0], v[1], (int) len);
                        }
                    } else {
                        long v4 = Ip.parseV4(s, pa, slash);
                        if (v4 != Ip.INVALID) {
                            return hash((int) vrf, false, Ip.v4Hi(v4), 0, (int) len);
                        }
                    }
                }
            }
        }
        long h = 0x51ed27L;
        for (int i = 0; i < end; i++) {
            h = h * 31 + s.charAt(i);
        }
        return Hashing.mix(h);
    }

    private static int skipBlanks(String s, int a, int b) {
        while (a < b && s.charAt(a) <= ' ') {
            a++;
        }
        return a;
    }

    private static int trimEnd(String s, int a, int b) {
        while (b > a && s.charAt(b - 1) <= ' ') {
            b--;
        }
        return b;
    }
}
