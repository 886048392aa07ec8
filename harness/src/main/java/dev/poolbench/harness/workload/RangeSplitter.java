package dev.poolbench.harness.workload;

/**
 * Splits an inclusive address range {@code [start, end]} into the minimal list of CIDR
 * prefixes covering exactly that range, in ascending order (each prefix as large as the
 * start's alignment and the remaining range allow). Addresses are left-aligned (see {@link Ip}).
 */
public final class RangeSplitter {

    /** Receives one prefix of the split. */
    @FunctionalInterface
    public interface PrefixConsumer {
        void accept(long hi, long lo, int length);
    }

    private RangeSplitter() {
    }

    /**
     * Splits {@code [start, end]}; returns the number of prefixes.
     *
     * @throws IllegalArgumentException if start is after end
     */
    public static int split(boolean v6, long startHi, long startLo, long endHi, long endLo, PrefixConsumer out) {
        return v6 ? split6(startHi, startLo, endHi, endLo, out) : split4(Ip.v4Of(startHi), Ip.v4Of(endHi), out);
    }

    private static int split4(long start, long end, PrefixConsumer out) {
        if (start > end) {
            throw new IllegalArgumentException("start after end");
        }
        int n = 0;
        while (true) {
            int align = start == 0 ? 32 : Long.numberOfTrailingZeros(start);
            int fit = 63 - Long.numberOfLeadingZeros(end - start + 1);
            int k = Math.min(align, fit);
            out.accept(Ip.v4Hi(start), 0, 32 - k);
            n++;
            start += 1L << k;
            if (start > end) {
                return n;
            }
        }
    }

    private static int split6(long sHi, long sLo, long eHi, long eLo, PrefixConsumer out) {
        if (compare(sHi, sLo, eHi, eLo) > 0) {
            throw new IllegalArgumentException("start after end");
        }
        int n = 0;
        while (true) {
            int align = sLo != 0 ? Long.numberOfTrailingZeros(sLo) : sHi != 0 ? 64 + Long.numberOfTrailingZeros(sHi) : 128;
            long dLo = eLo - sLo;
            long dHi = eHi - sHi - (Long.compareUnsigned(eLo, sLo) < 0 ? 1 : 0);
            int fit;
            if (dHi == -1L && dLo == -1L) {
                fit = 128;
            } else {
                long pLo = dLo + 1;
                long pHi = dHi + (pLo == 0 ? 1 : 0);
                fit = 127 - (pHi != 0 ? Long.numberOfLeadingZeros(pHi) : 64 + Long.numberOfLeadingZeros(pLo));
            }
            int k = Math.min(align, fit);
            out.accept(sHi, sLo, 128 - k);
            n++;
            if (k == 128) {
                return n;
            }
            // start += 2^k
            long addLo = k < 64 ? 1L << k : 0;
            long addHi = k < 64 ? 0 : 1L << (k - 64);
            long nLo = sLo + addLo;
            long carry = Long.compareUnsigned(nLo, sLo) < 0 ? 1 : 0;
            long nHi = sHi + addHi + carry;
            if (nHi == 0 && nLo == 0 || compare(nHi, nLo, eHi, eLo) > 0) {
                return n; // wrapped past the top, or beyond end
            }
            sHi = nHi;
            sLo = nLo;
        }
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }
}
