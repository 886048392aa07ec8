package dev.poolbench.kit;

/**
 * The kit's item: a sequence number (unique per run, the acceptance order of a single
 * producer), a key (for KEYED ordering) and the number of stages it has passed. Equal jobs are
 * the same input at the same hop, so duplicated outputs are visible.
 */
public record Job(int seq, int key, int hops) {

    public static Job of(int seq, int keys) {
        return new Job(seq, Math.floorMod(seq, keys), 0);
    }

    /** The job after one more stage. */
    public Job next() {
        return new Job(seq, key, hops + 1);
    }
}
