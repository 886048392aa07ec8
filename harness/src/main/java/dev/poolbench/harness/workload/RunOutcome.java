package dev.poolbench.harness.workload;

/**
 * What the oracle records of one run: outcome counts as the sink and the instance's stats saw
 * them, the order-independent digest of the final state, ordering violations the sink
 * observed, and an error if the run did not end normally (null when it did).
 */
public record RunOutcome(long accepted, long outputs, long filtered, long failed, long cancelled, long digest,
                         long ribSize, long orderViolations, String error) {

    /** How runs are compared with the reference. */
    public enum Check {
        /** KEYED and ORDERED runs: digest and counts must equal the reference's. */
        DIGEST_AND_COUNTS,
        /** UNORDERED runs: the counts must. */
        COUNTS
    }

    /** Null if this run matches {@code reference} under {@code check}, else why not (one line). */
    public String differenceFrom(RunOutcome reference, Check check) {
        if (error != null) {
            return error;
        }
        if (orderViolations > 0) {
            return orderViolations + " outputs out of order";
        }
        if (cancelled > 0) {
            return cancelled + " items cancelled";
        }
        if (accepted != reference.accepted || outputs != reference.outputs || filtered != reference.filtered
                || failed != reference.failed) {
            return "counts " + counts() + " != reference " + reference.counts();
        }
        if (check == Check.DIGEST_AND_COUNTS && (digest != reference.digest || ribSize != reference.ribSize)) {
            return String.format("digest %016x (%d prefixes) != reference %016x (%d prefixes)", digest, ribSize,
                    reference.digest, reference.ribSize);
        }
        return null;
    }

    /** {@code outputs/filtered/failed}. */
    public String counts() {
        return "outputs=" + outputs + " filtered=" + filtered + " failed=" + failed;
    }
}
