package dev.poolbench.harness.workload;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Statistics of a route file, as {@code poolbench routes} prints them: the format detected,
 * line and item counts, valid prefixes by family and length, distinct prefixes, VRFs and
 * origin ASNs, and the bad lines (malformed or invalid) with the first line numbers and
 * reasons. Every item goes through the parse and validate stages, sequentially.
 */
public final class RouteFileStats {

    /** How many first bad line numbers are kept. */
    public static final int FIRST_BAD = 10;

    private final String file;
    private RouteFileLoader.Summary summary;
    private final long[] v4Lengths = new long[33];
    private final long[] v6Lengths = new long[129];
    private final LongHashSet distinct = new LongHashSet();
    private final LongHashSet asns = new LongHashSet();
    private final BitSet vrfs = new BitSet();
    private long announces;
    private long withdraws;
    private long malformed;
    private long invalid;
    private final List<Long> firstBadLines = new ArrayList<>();
    private final List<String> firstReasons = new ArrayList<>();
    private long nanos;

    private RouteFileStats(String file) {
        this.file = file;
    }

    /**
     * Loads and checks {@code file}.
     *
     * @throws RouteFileException on a file-level problem
     */
    public static RouteFileStats of(Path file) {
        RouteFileStats s = new RouteFileStats(file.toString());
        RouteParser parser = new RouteParser();
        RouteValidator validator = new RouteValidator();
        long t0 = System.nanoTime();
        s.summary = RouteFileLoader.load(file, line -> s.add(line, parser, validator));
        s.nanos = System.nanoTime() - t0;
        return s;
    }

    private void add(RouteLine line, RouteParser parser, RouteValidator validator) {
        try {
            Route r = validator.validate(parser.parse(line));
            if (r.v6()) {
                v6Lengths[r.length()]++;
            } else {
                v4Lengths[r.length()]++;
            }
            distinct.add(RouteKeys.hash(r));
            if (r.asn() != 0) {
                asns.add(r.asn());
            }
            vrfs.set(r.vrf());
            if (r.op() == Op.ANNOUNCE) {
                announces++;
            } else {
                withdraws++;
            }
        } catch (RouteException e) {
            if (e.kind() == RouteException.Kind.MALFORMED) {
                malformed++;
            } else {
                invalid++;
            }
            if (firstBadLines.size() < FIRST_BAD && !firstBadLines.contains(e.line())) {
                firstBadLines.add(e.line());
                firstReasons.add(e.kind().name().toLowerCase() + ": " + e.reason());
            }
        }
    }

    public RouteFileLoader.Summary summary() {
        return summary;
    }

    public long malformed() {
        return malformed;
    }

    public long invalid() {
        return invalid;
    }

    public List<Long> firstBadLines() {
        return List.copyOf(firstBadLines);
    }

    public long prefixes(boolean v6) {
        long n = 0;
        for (long c : v6 ? v6Lengths : v4Lengths) {
            n += c;
        }
        return n;
    }

    public long prefixes(boolean v6, int length) {
        return (v6 ? v6Lengths : v4Lengths)[length];
    }

    public int vrfCount() {
        return vrfs.cardinality();
    }

    public int asnCount() {
        return asns.size();
    }

    public void print(PrintWriter out) {
        out.printf("file:        %s%n", file);
        out.printf("format:      %s%n", summary.format().synopsis());
        out.printf("lines:       %d (%d data lines)%n", summary.lines(), summary.dataLines());
        out.printf("items:       %d (announce %d, withdraw %d, bad %d)%s%n", summary.items(), announces, withdraws,
                malformed + invalid, summary.unroutedRanges() > 0
                        ? "; " + summary.unroutedRanges() + " unrouted ranges (ASN 0) skipped" : "");
        out.printf("prefixes:    IPv4 %d, IPv6 %d (%d distinct vrf+prefix)%n", prefixes(false), prefixes(true),
                distinct.size());
        out.printf("IPv4 by length: %s%n", lengths(v4Lengths));
        out.printf("IPv6 by length: %s%n", lengths(v6Lengths));
        out.printf("vrfs:        %d%n", vrfCount());
        out.printf("asns:        %d%n", asnCount());
        out.printf("bad lines:   %d (malformed %d, invalid %d)%s%n", malformed + invalid, malformed, invalid,
                firstBadLines.isEmpty() ? "" : "; first at lines " + firstBadLines.stream().map(String::valueOf)
                        .reduce((a, b) -> a + ", " + b).orElse(""));
        for (int i = 0; i < Math.min(3, firstBadLines.size()); i++) {
            out.printf("  line %d: %s%n", firstBadLines.get(i), firstReasons.get(i));
        }
        out.printf("loaded in:   %.2f s%n", nanos / 1e9);
        out.flush();
    }

    private static String lengths(long[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int len = 0; len < counts.length; len++) {
            if (counts[len] > 0) {
                sb.append(sb.isEmpty() ? "" : " ").append('/').append(len).append(' ').append(counts[len]);
            }
        }
        return sb.isEmpty() ? "(none)" : sb.toString();
    }
}
