package dev.poolbench.harness.workload;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;

/**
 * The {@code parse} stage: a {@code vrf,prefix,next_hop[,asn][,op]} line to a {@link Route}.
 * Fields may be surrounded by blanks; {@code op} is {@code A}/{@code announce} (default) or
 * {@code W}/{@code withdraw}; {@code asn} defaults to 0; a withdraw may leave next_hop empty.
 * Only syntax is checked here (ranges are {@link RouteValidator}'s job); a malformed line
 * throws {@link RouteException} of kind MALFORMED with its line number, text and reason.
 * Stateless and thread-safe.
 */
public final class RouteParser implements Stage<RouteLine, Route> {

    @Override
    public Route apply(RouteLine item, StageContext ctx) throws RouteException {
        return parse(item);
    }

    public Route parse(RouteLine item) throws RouteException {
        if (item.malformed() != null) {
            throw malformed(item, item.malformed());
        }
        String s = item.text();
        int n = s.length();
        int[] bounds = new int[10]; // up to 5 fields: start,end pairs
        int fields = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i == n || s.charAt(i) == ',') {
                if (fields == 5) {
                    throw malformed(item, "too many fields (expected vrf,prefix,next_hop[,asn][,op])");
                }
                int a = start;
                int b = i;
                while (a < b && s.charAt(a) <= ' ') {
                    a++;
                }
                while (b > a && s.charAt(b - 1) <= ' ') {
                    b--;
                }
                bounds[2 * fields] = a;
                bounds[2 * fields + 1] = b;
                fields++;
                start = i + 1;
            }
        }
        if (fields < 3) {
            throw malformed(item, "too few fields (expected vrf,prefix,next_hop[,asn][,op])");
        }
        long vrf = decimal(s, bounds[0], bounds[1], 10);
        if (vrf < 0 || vrf > Integer.MAX_VALUE) {
            throw malformed(item, "vrf is not a number");
        }
        int pa = bounds[2];
        int pb = bounds[3];
        int slash = -1;
        for (int i = pa; i < pb; i++) {
            if (s.charAt(i) == '/') {
                slash = i;
                break;
            }
        }
        if (slash < 0) {
            throw malformed(item, "prefix has no /length");
        }
        long length = decimal(s, slash + 1, pb, 3);
        if (length < 0) {
            throw malformed(item, "prefix length is not a number");
        }
        boolean v6 = Ip.looksV6(s, pa, slash);
        long hi;
        long lo;
        long[] v6buf = null;
        if (v6) {
            v6buf = new long[2];
            if (!Ip.parseV6(s, pa, slash, v6buf)) {
                throw malformed(item, "prefix address is not an IPv6 address");
            }
            hi = v6buf[0];
            lo = v6buf[1];
        } else {
            long a = Ip.parseV4(s, pa, slash);
            if (a == Ip.INVALID) {
                throw malformed(item, "prefix address is not an IPv4 address");
            }
            hi = Ip.v4Hi(a);
            lo = 0;
        }
        Op op = Op.ANNOUNCE;
        if (fields >= 5) {
            op = op(s, bounds[8], bounds[9]);
            if (op == null) {
                throw malformed(item, "op is not A, announce, W or withdraw");
            }
        }
        long nhHi = 0;
        long nhLo = 0;
        int na = bounds[4];
        int nb = bounds[5];
        if (na == nb) {
            if (op == Op.ANNOUNCE) {
                throw malformed(item, "next hop is missing");
            }
        } else if (Ip.looksV6(s, na, nb)) {
            if (v6buf == null) {
                v6buf = new long[2];
            }
            if (!Ip.parseV6(s, na, nb, v6buf)) {
                throw malformed(item, "next hop is not an IPv6 address");
            }
            if (!v6) {
                throw malformed(item, "next hop family differs from the prefix's");
            }
            nhHi = v6buf[0];
            nhLo = v6buf[1];
        } else {
            long a = Ip.parseV4(s, na, nb);
            if (a == Ip.INVALID) {
                throw malformed(item, "next hop is not an IPv4 address");
            }
            if (v6) {
                throw malformed(item, "next hop family differs from the prefix's");
            }
            nhHi = Ip.v4Hi(a);
        }
        long asn = 0;
        if (fields >= 4 && bounds[6] < bounds[7]) {
            int aa = bounds[6];
            if (bounds[7] - aa > 2 && (s.charAt(aa) == 'A' || s.charAt(aa) == 'a')
                    && (s.charAt(aa + 1) == 'S' || s.charAt(aa + 1) == 's')) {
                aa += 2;
            }
            asn = decimal(s, aa, bounds[7], 12);
            if (asn < 0) {
                throw malformed(item, "asn is not a number");
            }
        }
        return new Route(item.number(), (int) vrf, v6, hi, lo, (int) length, nhHi, nhLo, asn, op);
    }

    /** A non-negative decimal of at most {@code maxDigits} digits in {@code s[from, to)}, or -1. */
    static long decimal(CharSequence s, int from, int to, int maxDigits) {
        if (from >= to || to - from > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Op op(String s, int a, int b) {
        int len = b - a;
        if (len == 1) {
            char c = s.charAt(a);
            return c == 'A' || c == 'a' ? Op.ANNOUNCE : c == 'W' || c == 'w' ? Op.WITHDRAW : null;
        }
        if (s.regionMatches(true, a, "announce", 0, len) && len == 8) {
            return Op.ANNOUNCE;
        }
        if (s.regionMatches(true, a, "withdraw", 0, len) && len == 8) {
            return Op.WITHDRAW;
        }
        return null;
    }

    private static RouteException malformed(RouteLine item, String reason) {
        return new RouteException(RouteException.Kind.MALFORMED, item.number(), item.text(), reason);
    }
}
