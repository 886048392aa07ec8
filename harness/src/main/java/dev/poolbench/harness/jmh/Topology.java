package dev.poolbench.harness.jmh;

/**
 * The three topologies of the LMAX Disruptor perftests ({@code OneToOneSequencedThroughputTest},
 * {@code OneToThreePipelineSequencedThroughputTest}, {@code ThreeToOneSequencedThroughputTest} and
 * their queue twins), as {@link RawTopologyBenchmark} and {@link EngineTopologyBenchmark} run them.
 * Each consumer does the perftests' trivial work: it adds the item's {@code long} to its sum.
 * <pre>
 *  unicast     P1 ─► C1                          2 threads (LMAX asks for 2 CPUs)
 *
 *  pipeline3   P1 ─► C1 ─► C2 ─► C3              4 threads (LMAX asks for 4 CPUs)
 *
 *  sequencer3  P1 ─┐
 *              P2 ─┼─► C1                        4 threads (LMAX asks for 4 CPUs)
 *              P3 ─┘
 * </pre>
 * P1 is the benchmark thread; P2 and P3 are helper threads it releases at the start of each batch.
 * On a 2-core machine only {@code unicast} has a core per thread, so only it can be checked
 * against the primitive's own perftest figures.
 */
public enum Topology {
    UNICAST("unicast", 1, 1),
    PIPELINE3("pipeline3", 1, 3),
    SEQUENCER3("sequencer3", 3, 1);

    /** Slots of every ring and items of every queue: the perftests' 64 Ki. */
    public static final int CAPACITY = 1 << 16;

    private final String paramName;
    private final int producers;
    private final int stages;

    Topology(String paramName, int producers, int stages) {
        this.paramName = paramName;
        this.producers = producers;
        this.stages = stages;
    }

    /** The value of the benchmarks' {@code topology} parameter. */
    public String paramName() {
        return paramName;
    }

    /** Threads publishing items (the benchmark thread is the first). */
    public int producers() {
        return producers;
    }

    /** Consumers in a row, each one feeding the next (1 unless pipeline). */
    public int stages() {
        return stages;
    }

    /** Busy threads of the raw topology: producers + one per consumer. */
    public int threads() {
        return producers + stages;
    }

    public static Topology of(String paramName) {
        for (Topology t : values()) {
            if (t.paramName.equals(paramName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("topology '" + paramName + "' is unknown; valid: unicast, pipeline3, sequencer3");
    }
}
