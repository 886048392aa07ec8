package dev.poolbench.harness.jmh;

/**
 * The four topologies of the hand-off benchmarks, and the shape each one has in every engine and
 * in every raw baseline, so that "engine / raw" compares the same graph of threads and buffers.
 * Every buffer holds {@value #BUFFER} items (the contract's default).
 * <pre>
 *  pool       submit ─► [64] ─► 2 workers ─────────────────────────────► sink
 *  pipeline3  submit ─► [64] ─► stage 1 ─► [64] ─► stage 2 ─► [64] ─► stage 3 ─► sink
 *  fanout3    submit ─► round robin ─► 3 × ([64] ─► 1 worker) ─► fan-in ─► sink
 *  merge3     3 inputs (one caller, round robin) ─► 3 × ([64] ─► 1 worker) ─► sink
 * </pre>
 * Fan-out and merge have the same threads and buffers; they differ in who picks the lane (the
 * pattern for fan-out, the caller for merge), which only the contract can tell apart.
 */
public enum HandoffPattern {
    POOL("pool", 1, 2),
    PIPELINE3("pipeline3", 1, 1),
    FANOUT3("fanout3", 3, 1),
    MERGE3("merge3", 3, 1);

    /** Items each buffer holds. */
    public static final int BUFFER = 64;

    /** Stages in {@link #PIPELINE3}. */
    public static final int PIPELINE_STAGES = 3;

    private final String paramName;
    private final int lanes;
    private final int workersPerLane;

    HandoffPattern(String paramName, int lanes, int workersPerLane) {
        this.paramName = paramName;
        this.lanes = lanes;
        this.workersPerLane = workersPerLane;
    }

    /** The value of the benchmarks' {@code pattern} parameter. */
    public String paramName() {
        return paramName;
    }

    /** Independent buffers side by side (1 for pool and pipeline). */
    public int lanes() {
        return lanes;
    }

    /** Workers behind each lane's buffer (pipeline: per stage). */
    public int workersPerLane() {
        return workersPerLane;
    }

    public static HandoffPattern of(String paramName) {
        for (HandoffPattern p : values()) {
            if (p.paramName.equals(paramName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("pattern '" + paramName + "' is unknown; valid: pool, pipeline3, fanout3, merge3");
    }
}
