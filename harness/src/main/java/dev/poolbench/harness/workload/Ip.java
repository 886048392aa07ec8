package dev.poolbench.harness.workload;

/**
 * IPv4 and IPv6 addresses as primitive 128-bit values, left-aligned: an IPv6 address is
 * {@code (hi, lo)}; an IPv4 address {@code a} is {@code hi = a << 32, lo = 0}, so bit {@code i}
 * of either family is the {@code i}-th bit from the left and the same masking code serves
 * both. Parsing works on a region of a {@link CharSequence} and allocates nothing for IPv4.
 */
public final class Ip {

    /** Returned by {@link #parseV4} for text that is not an IPv4 address. */
    public static final long INVALID = -1L;

    private Ip() {
    }

    /** Bits in an address of the family. */
    public static int width(boolean v6) {
        return v6 ? 128 : 32;
    }

    /** Dotted-quad IPv4 in {@code s[from, to)} as an unsigned 32-bit value, or {@link #INVALID}. */
    public static long parseV4(CharSequence s, int from, int to) {
        long addr = 0;
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 3) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                i++;
            }
            if (i == start || v > 255) {
                return INVALID;
            }
            addr = (addr << 8) | v;
            octets++;
            if (octets < 4) {
                if (i >= to || s.charAt(i) != '.') {
                    return INVALID;
                }
                i++;
            }
        }
        return i == to ? addr : INVALID;
    }

    /**
     * IPv6 text (RFC 4291 forms, including {@code ::} and an embedded IPv4 tail) in
     * {@code s[from, to)} into {@code out[0]} (high 64 bits) and {@code out[1]}; false if malformed.
     */
    public static boolean parseV6(CharSequence s, int from, int to, long[] out) {
        if (to - from < 2) {
            return false;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1; // index in groups where "::" stands
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            gap = 0;
            i += 2;
            if (i == to) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && i - start < 4) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    break;
                }
                v = (v << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') { // embedded IPv4 tail
                long v4 = parseV4(s, start, to);
                if (v4 == INVALID || count > 6) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || count == 8) {
                return false;
            }
            groups[count++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false; // trailing single colon
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        int zeros = 8 - count;
        int g = 0;
        for (int k = 0; k < 8; k++) {
            int value;
            if (gap >= 0 && k >= gap && k < gap + zeros) {
                value = 0;
            } else {
                value = groups[g++];
            }
            if (k < 4) {
                hi = (hi << 16) | value;
            } else {
                lo = (lo << 16) | value;
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** True if {@code s[from, to)} contains a colon (IPv6 text). */
    public static boolean looksV6(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    /** High half of the left-aligned form of an IPv4 address. */
    public static long v4Hi(long v4) {
        return v4 << 32;
    }

    /** The IPv4 address held in a left-aligned high half. */
    public static long v4Of(long hi) {
        return hi >>> 32;
    }

    /** High 64 bits of the mask of {@code length} leading ones. */
    public static long maskHi(int length) {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** Low 64 bits of the mask of {@code length} leading ones. */
    public static long maskLo(int length) {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    /** Bit {@code i} (0 = leftmost) of a left-aligned address. */
    public static int bit(long hi, long lo, int i) {
        return (int) (i < 64 ? (hi >>> (63 - i)) & 1 : (lo >>> (127 - i)) & 1);
    }

    /** Length of the common leading bits of two left-aligned addresses (128 if equal). */
    public static int commonPrefix(long hi1, long lo1, long hi2, long lo2) {
        long x = hi1 ^ hi2;
        if (x != 0) {
            return Long.numberOfLeadingZeros(x);
        }
        return 64 + Long.numberOfLeadingZeros(lo1 ^ lo2);
    }

    /** Text of an address of the family (IPv6 in RFC 5952 canonical form). */
    public static String format(boolean v6, long hi, long lo) {
        StringBuilder sb = new StringBuilder(v6 ? 39 : 15);
        appendTo(sb, v6, hi, lo);
        return sb.toString();
    }

    /** Appends the text of an address (IPv6 in RFC 5952 canonical form). */
    public static void appendTo(StringBuilder sb, boolean v6, long hi, long lo) {
        if (!v6) {
            long a = v4Of(hi);
            sb.append((a >>> 24) & 0xff).append('.').append((a >>> 16) & 0xff).append('.')
                    .append((a >>> 8) & 0xff).append('.').append(a & 0xff);
            return;
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xffff);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int start = k;
            while (k < 8 && g[k] == 0) {
                k++;
            }
            if (k - start > bestLen) {
                bestStart = start;
                bestLen = k - start;
            }
        }
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLen - 1;
                continue;
            }
            if (k > 0 && k != bestStart + bestLen) {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
    }

    /**
     * True if the address may not be a next hop: IPv4 0/8 (unspecified), 127/8 (loopback),
     * 169.254/16 (link-local), 224/4 (multicast), 240/4 (reserved, broadcast); IPv6 ::
     * (unspecified), ::1 (loopback), ff00::/8 (multicast), ::ffff:0:0/96 (IPv4-mapped).
     */
    public static boolean isMartianNextHop(boolean v6, long hi, long lo) {
        if (!v6) {
            long a = v4Of(hi);
            int first = (int) (a >>> 24);
            return first == 0 || first == 127 || first >= 224 || (a >>> 16) == 0xa9fe;
        }
        if (hi == 0) {
            return lo == 0 || lo == 1 || (lo >>> 32) == 0xffffL;
        }
        return (hi >>> 56) == 0xff;
    }
}
