package dev.poolbench.harness.jmh;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.List;

/** The raw primitives of {@link RawTopologyBenchmark}: each {@code primitive} parameter and how it starts. */
final class RawTopologies {

    /** The values of {@link RawTopologyBenchmark}'s {@code primitive} parameter. */
    static final List<String> PRIMITIVES = List.of("disruptorBusySpin", "disruptorYielding", "disruptorBlocking",
            "disruptorBusySpinFenced", "disruptorYieldingFenced", "disruptorBlockingFenced",
            "abq", "lbq", "threadpool", "forkjoin", "forkjoinStaged", "virtual", "virtualNamed");

    private RawTopologies() {
    }

    /** Starts {@code primitive} in {@code topology}, moving {@code batch} items per batch. */
    static BatchTopology start(String primitive, Topology topology, int batch) {
        return switch (primitive) {
            case "disruptorBusySpin" -> new RingTopology(topology, batch, BusySpinWaitStrategy::new, false);
            case "disruptorYielding" -> new RingTopology(topology, batch, YieldingWaitStrategy::new, false);
            case "disruptorBlocking" -> new RingTopology(topology, batch, BlockingWaitStrategy::new, false);
            case "disruptorBusySpinFenced" -> new RingTopology(topology, batch, BusySpinWaitStrategy::new, true);
            case "disruptorYieldingFenced" -> new RingTopology(topology, batch, YieldingWaitStrategy::new, true);
            case "disruptorBlockingFenced" -> new RingTopology(topology, batch, BlockingWaitStrategy::new, true);
            case "abq" -> new QueueTopology(topology, batch, false);
            case "lbq" -> new QueueTopology(topology, batch, true);
            case "threadpool" -> new ExecutorTopology(topology, batch);
            case "forkjoin" -> new ForkJoinTopology(topology, batch, false);
            case "forkjoinStaged" -> new ForkJoinTopology(topology, batch, true);
            case "virtual" -> new VirtualThreadTopology(topology, batch, Thread.ofVirtual().factory());
            case "virtualNamed" -> new VirtualThreadTopology(topology, batch,
                    Thread.ofVirtual().name("raw-virtual-" + topology.paramName() + "-", 0).factory());
            default -> throw new IllegalArgumentException("primitive '" + primitive + "' is unknown; valid: "
                    + String.join(", ", PRIMITIVES));
        };
    }
}
