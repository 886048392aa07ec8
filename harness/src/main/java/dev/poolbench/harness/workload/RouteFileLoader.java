package dev.poolbench.harness.workload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Loads a route file, streaming, into {@link RouteLine} items. The format is detected from
 * the first data line (blank lines and {@code #} comments are skipped, as is one header line
 * whose first field is {@code vrf} or {@code start}):
 * <ul>
 *   <li>{@link Format#ROUTES}: {@code vrf,prefix,next_hop[,asn][,op]}, one item per line;</li>
 *   <li>{@link Format#RANGES}: the public ip-range-to-ASN CSV {@code start,end,asn[,org]} (no
 *   header, org possibly quoted with commas, IPv4 or IPv6): each range becomes the minimal set
 *   of CIDR prefixes ({@link RangeSplitter}), one item each, in VRF 0, with the next hop
 *   {@link Topology#peerNextHop} derives from the ASN. Ranges of ASN 0 (not routed) are
 *   skipped and counted.</li>
 * </ul>
 * File-level problems throw {@link RouteFileException} before any item is delivered, except
 * text that stops being UTF-8 later in the file. Malformed lines inside a good file become
 * items whose {@link RouteLine#malformed()} (ranges) or text (routes) makes parse fail them.
 */
public final class RouteFileLoader {

    /** The two formats a route file may be in. */
    public enum Format {
        ROUTES("vrf,prefix,next_hop[,asn][,op]"),
        RANGES("start,end,asn[,org] (ip-range-to-ASN)");

        private final String synopsis;

        Format(String synopsis) {
            this.synopsis = synopsis;
        }

        public String synopsis() {
            return synopsis;
        }
    }

    /**
     * What a load saw.
     *
     * @param lines          physical lines read
     * @param dataLines      lines that were neither blank, comment nor header
     * @param items          items delivered
     * @param unroutedRanges ranges skipped because their ASN is 0
     * @param truncated      true if loading stopped at the item limit
     */
    public record Summary(Format format, long lines, long dataLines, long items, long unroutedRanges,
                          boolean truncated) {
    }

    private static final int SNIFF_BYTES = 8192;

    private RouteFileLoader() {
    }

    /** Loads every item of {@code file}. */
    public static Summary load(Path file, Consumer<RouteLine> sink) {
        return load(file, Long.MAX_VALUE, sink);
    }

    /** Loads at most {@code maxItems} items of {@code file} (the first ones). */
    public static Summary load(Path file, long maxItems, Consumer<RouteLine> sink) {
        String name = file.toString();
        checkReadable(file, name);
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long lineNo = 0;
        try (InputStream in = Files.newInputStream(file);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16)) {
            Format format = null;
            long data = 0;
            long items = 0;
            long unrouted = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1); // byte order mark
                }
                String t = line.strip();
                if (t.isEmpty() || t.charAt(0) == '#') {
                    continue;
                }
                if (format == null) {
                    if (isHeader(t)) {
                        continue;
                    }
                    format = detect(t);
                    if (format == null) {
                        throw new RouteFileException(name, "no line in either format (line " + lineNo + " is neither "
                                + Format.ROUTES.synopsis() + " nor " + Format.RANGES.synopsis() + ")");
                    }
                }
                data++;
                if (format == Format.ROUTES) {
                    sink.accept(new RouteLine(lineNo, line));
                    items++;
                } else {
                    long[] counts = range(lineNo, line, maxItems - items, sink);
                    items += counts[0];
                    unrouted += counts[1];
                }
                if (items >= maxItems) {
                    return new Summary(format, lineNo, data, items, unrouted, true);
                }
            }
            if (format == null) {
                throw new RouteFileException(name, "empty (no data lines in " + lineNo + " lines)");
            }
            return new Summary(format, lineNo, data, items, unrouted, false);
        } catch (CharacterCodingException e) {
            throw new RouteFileException(name, "binary or not UTF-8 text (line " + (lineNo + 1) + ")");
        } catch (AccessDeniedException e) {
            throw new RouteFileException(name, "not readable (permission denied)");
        } catch (IOException e) {
            throw new RouteFileException(name, "unreadable (" + e.getMessage() + ") (line " + (lineNo + 1) + ")");
        }
    }

    /** The format of one data line, or null for neither. */
    public static Format detect(String line) {
        String[] f = fields(line, 3);
        if (f == null || f[2] == null) {
            return null;
        }
        if (RouteParser.decimal(f[0], 0, f[0].length(), 10) >= 0 && f[1].indexOf('/') > 0) {
            return Format.ROUTES;
        }
        long[] a = new long[3];
        if (address(f[0], a) && address(f[1], a) && asn(f[2]) >= 0) {
            return Format.RANGES;
        }
        return null;
    }

    private static boolean isHeader(String t) {
        int comma = t.indexOf(',');
        String first = (comma < 0 ? t : t.substring(0, comma)).strip().replace("\"", "");
        return first.equalsIgnoreCase("vrf") || first.equalsIgnoreCase("start")
                || first.equalsIgnoreCase("range_start");
    }

    private static void checkReadable(Path file, String name) {
        if (!Files.exists(file)) {
            throw new RouteFileException(name, "not found");
        }
        if (Files.isDirectory(file)) {
            throw new RouteFileException(name, "is a directory, not a file");
        }
        if (!Files.isReadable(file)) {
            throw new RouteFileException(name, "not readable (permission denied)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            if (head.length == 0) {
                throw new RouteFileException(name, "empty (0 bytes)");
            }
            int line = 1;
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    throw new RouteFileException(name, "binary (NUL byte at offset " + i + ") (line " + line + ")");
                }
                if (head[i] == '\n') {
                    line++;
                }
            }
        } catch (AccessDeniedException e) {
            throw new RouteFileException(name, "not readable (permission denied)");
        } catch (IOException e) {
            throw new RouteFileException(name, "unreadable (" + e.getMessage() + ")");
        }
    }

    /** Splits one range line; returns {items delivered, unrouted ranges}. */
    private static long[] range(long lineNo, String line, long room, Consumer<RouteLine> sink) {
        String[] f = fields(line, 3);
        String problem = null;
        long[] start = new long[3];
        long[] end = new long[3];
        long asn = -1;
        if (f == null) {
            problem = "unbalanced quotes";
        } else if (f[2] == null) {
            problem = "too few fields (expected start,end,asn[,org])";
        } else if (!address(f[0], start)) {
            problem = "start is not an IP address";
        } else if (!address(f[1], end)) {
            problem = "end is not an IP address";
        } else if (start[2] != end[2]) {
            problem = "start and end differ in address family";
        } else if ((asn = asn(f[2])) < 0 || asn > 0xffff_ffffL) {
            problem = "asn is not a number in 0..4294967295";
        } else if (start[2] == 1 ? Long.compareUnsigned(start[0], end[0]) > 0
                || start[0] == end[0] && Long.compareUnsigned(start[1], end[1]) > 0
                : Long.compareUnsigned(start[0], end[0]) > 0) {
            problem = "start after end";
        }
        if (problem != null) {
            sink.accept(new RouteLine(lineNo, line, problem));
            return new long[]{1, 0};
        }
        if (asn == 0) {
            return new long[]{0, 1};
        }
        boolean v6 = start[2] == 1;
        long[] nh = Topology.peerNextHop(asn, v6);
        StringBuilder tail = new StringBuilder(48).append(',');
        Ip.appendTo(tail, v6, nh[0], nh[1]);
        tail.append(',').append(asn);
        String suffix = tail.toString();
        long[] delivered = {0, 0};
        RangeSplitter.split(v6, start[0], start[1], end[0], end[1], (hi, lo, length) -> {
            if (delivered[0] < room) {
                StringBuilder sb = new StringBuilder(64).append("0,");
                Ip.appendTo(sb, v6, hi, lo);
                sb.append('/').append(length).append(suffix);
                sink.accept(new RouteLine(lineNo, sb.toString()));
                delivered[0]++;
            }
        });
        return delivered;
    }

    /** Parses an address into {hi, lo, family (0 = v4, 1 = v6)}. */
    private static boolean address(String s, long[] out) {
        if (Ip.looksV6(s, 0, s.length())) {
            if (!Ip.parseV6(s, 0, s.length(), out)) {
                return false;
            }
            out[2] = 1;
            return true;
        }
        long a = Ip.parseV4(s, 0, s.length());
        if (a == Ip.INVALID) {
            return false;
        }
        out[0] = Ip.v4Hi(a);
        out[1] = 0;
        out[2] = 0;
        return true;
    }

    private static long asn(String s) {
        int from = s.length() > 2 && (s.startsWith("AS") || s.startsWith("as")) ? 2 : 0;
        return RouteParser.decimal(s, from, s.length(), 10);
    }

    /**
     * The first {@code n} CSV fields of a line, stripped, unquoted ({@code ""} inside quotes is
     * a quote); missing fields are null; null if a quote is unbalanced within them.
     */
    static String[] fields(String line, int n) {
        String[] out = new String[n];
        int i = 0;
        int len = line.length();
        for (int k = 0; k < n; k++) {
            while (i < len && line.charAt(i) == ' ') {
                i++;
            }
            if (i < len && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= len) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < len && line.charAt(i) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        sb.append(c);
                    }
                }
                out[k] = sb.toString().strip();
                while (i < len && line.charAt(i) != ',') {
                    i++;
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? len : comma;
                out[k] = line.substring(i, end).strip();
                i = end;
            }
            if (i >= len) {
                return out;
            }
            i++; // the comma
            if (k == n - 1) {
                return out;
            }
        }
        return out;
    }
}
