package dev.poolbench.harness.workload;

import java.util.Objects;

/**
 * One input item of the route workloads: the text of a route line in the
 * {@code vrf,prefix,next_hop[,asn][,op]} format and the number of the file line it came from.
 * A loader that found the source line malformed says why in {@code malformed} (null when the
 * line is fine); the parse stage then fails the item with that reason.
 */
public record RouteLine(long number, String text, String malformed) {

    public RouteLine {
        Objects.requireNonNull(text, "text");
    }

    public RouteLine(long number, String text) {
        this(number, text, null);
    }

    @Override
    public String toString() {
        return "line " + number + ": " + text;
    }
}
