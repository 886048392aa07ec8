package dev.poolbench.harness.workload;

/**
 * A parsed route update, compact: every address is a primitive left-aligned 128-bit value
 * (see {@link Ip}), no strings. {@code line} is the source line number (for failures).
 * A withdraw may carry no next hop (zero).
 */
public record Route(long line, int vrf, boolean v6, long hi, long lo, int length,
                    long nhHi, long nhLo, long asn, Op op) {

    /** The same update with another next hop and origin AS. */
    public Route withNextHop(long nhHi, long nhLo, long asn) {
        return new Route(line, vrf, v6, hi, lo, length, nhHi, nhLo, asn, op);
    }

    /** The prefix as text, e.g. {@code 10.0.0.0/8} (for reports only). */
    public String prefixText() {
        return Ip.format(v6, hi, lo) + "/" + length;
    }

    /** The route back in the {@code vrf,prefix,next_hop,asn,op} line format. */
    public String toLine() {
        StringBuilder sb = new StringBuilder(64);
        sb.append(vrf).append(',');
        Ip.appendTo(sb, v6, hi, lo);
        sb.append('/').append(length).append(',');
        if (op == Op.ANNOUNCE || nhHi != 0 || nhLo != 0) {
            Ip.appendTo(sb, v6, nhHi, nhLo);
        }
        sb.append(',').append(asn).append(',').append(op == Op.ANNOUNCE ? 'A' : 'W');
        return sb.toString();
    }

    @Override
    public String toString() {
        return "line " + line + ": " + toLine();
    }
}
