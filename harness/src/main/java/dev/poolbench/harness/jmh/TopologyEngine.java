package dev.poolbench.harness.jmh;

import java.util.List;
import java.util.Map;

/**
 * The values of {@link EngineTopologyBenchmark}'s {@code engine} parameter: an engine of the
 * contract with the engine options that match a raw primitive of {@link RawTopologyBenchmark},
 * so that engine / raw compares like with like — the disruptor engine once per wait strategy.
 *
 * @param param       the parameter value
 * @param engine      the engine's name
 * @param options     engine options set on the pattern
 * @param rawBaseline the {@link RawTopologies} primitive it is compared with; null for none
 * @param contractBaseline the same primitive plus only what the contract makes every engine pay
 *                    (virtual: a name per thread; disruptor: the producer's fenced announcement per
 *                    item; forkjoin: a bound per stage), so engine / it is the engine's own plumbing;
 *                    null when there is none
 */
record TopologyEngine(String param, String engine, Map<String, String> options, String rawBaseline,
                      String contractBaseline) {

    static final List<TopologyEngine> ALL = List.of(
            new TopologyEngine("sequential", "sequential", Map.of(), null, null),
            new TopologyEngine("executor", "executor", Map.of(), "threadpool", null),
            new TopologyEngine("forkjoin", "forkjoin", Map.of(), "forkjoin", "forkjoinStaged"),
            new TopologyEngine("virtual", "virtual", Map.of(), "virtual", "virtualNamed"),
            new TopologyEngine("disruptor", "disruptor", Map.of(), null, null),
            new TopologyEngine("disruptorBusySpin", "disruptor", Map.of("disruptor.wait", "busyspin"),
                    "disruptorBusySpin", "disruptorBusySpinFenced"),
            new TopologyEngine("disruptorYielding", "disruptor", Map.of("disruptor.wait", "yielding"),
                    "disruptorYielding", "disruptorYieldingFenced"),
            new TopologyEngine("disruptorBlocking", "disruptor", Map.of("disruptor.wait", "blocking"),
                    "disruptorBlocking", "disruptorBlockingFenced"));

    static TopologyEngine of(String param) {
        for (TopologyEngine e : ALL) {
            if (e.param.equals(param)) {
                return e;
            }
        }
        throw new IllegalArgumentException("engine '" + param + "' is unknown; valid: "
                + String.join(", ", ALL.stream().map(TopologyEngine::param).toList()));
    }
}
