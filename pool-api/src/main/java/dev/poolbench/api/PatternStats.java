package dev.poolbench.api;

import java.util.List;

/**
 * A snapshot of a running instance's outcome counters. While running,
 * {@code accepted = outputs + filtered + failed + cancelled + inFlight}; after termination
 * {@code inFlight == 0}.
 *
 * @param effectiveBuffers the buffer actually in force in front of each stage (or each lane of
 *                         a fan-out or merge), after any rounding the primitive needs
 */
public record PatternStats(long accepted, long outputs, long filtered, long failed, long cancelled,
                           long inFlight, List<Integer> effectiveBuffers) {

    public PatternStats {
        effectiveBuffers = List.copyOf(effectiveBuffers);
    }

    /** Items that have reached one of the four outcomes. */
    public long completed() {
        return outputs + filtered + failed + cancelled;
    }

    @Override
    public String toString() {
        return "accepted=" + accepted + " outputs=" + outputs + " filtered=" + filtered + " failed=" + failed
                + " cancelled=" + cancelled + " inFlight=" + inFlight + " buffers=" + effectiveBuffers;
    }
}
