package dev.poolbench.harness.jmh;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.Merge;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Topology} through an engine of the contract, with {@link RawTopologyBenchmark}'s items
 * (boxed {@code Long}s), per-item work and batches. Every pattern ends in the sink, so the
 * contract's shape has one consumer more than the raw one: the sink, which counts and sums the
 * outputs and ends the batch.
 * <pre>
 *  unicast     worker pool, 1 worker:     P1 ─► [buffer] ─► C1 (adds) ─► sink
 *  pipeline3   3 stages of 1 worker:      P1 ─► [buf] ─► C1 ─► [buf] ─► C2 ─► [buf] ─► C3 ─► sink
 *  sequencer3  merge of 3 inputs:         P1,P2,P3 ─► 3 × ([buf] ─► pass-through) ─► sink (adds)
 * </pre>
 * Buffers hold {@value Topology#CAPACITY} items. In the merge the three lanes share one stage
 * function, so it cannot keep a per-lane sum without a shared atomic; it passes the item on and
 * the sink, the merge's one consumer as C1 is the raw sequencer's, does the adding. Each input has
 * one producer thread, so every pattern is built {@code singleProducer}.
 */
final class EngineTopology extends BatchTopology {

    private static final String SINK = "sink";

    private final Long[] boxed;
    private final Lifecycle running;
    private final List<? extends Input<Long>> inputs;

    EngineTopology(TopologyEngine choice, Topology topology, int batch) {
        super(topology, batch, consumerNames(topology));
        boxed = BoxedValues.of(batch);
        Engine engine = Engines.byName(choice.engine());
        PatternOptions options = PatternOptions.builder().singleProducer(true).engineOptions(choice.options()).build();
        Sink<Long> sink = new Sink<>() {
            private final StageTally tally = tallies.getLast();

            @Override
            public void onOutput(Long v) {
                tally.add(v);
            }

            @Override
            public void onFailure(Failure failure) {
                end.fail(new IllegalStateException("item failed: " + failure));
            }
        };
        switch (topology) {
            case UNICAST -> {
                Running<Long> r = engine.workerPool(WorkerPool.of(adder("C1", tallies.getFirst()), options), sink);
                running = r;
                inputs = List.of(r);
            }
            case PIPELINE3 -> {
                Running<Long> r = engine.pipeline(Pipeline.first(adder("C1", tallies.get(0)))
                        .then(adder("C2", tallies.get(1))).then(adder("C3", tallies.get(2))).build(options), sink);
                running = r;
                inputs = List.of(r);
            }
            case SEQUENCER3 -> {
                Stage<Long, Long> pass = (v, c) -> v;
                RunningMerge<Long> m = engine.merge(Merge.of(topology.producers(),
                        new StageSpec<>("pass", pass, 1, Topology.CAPACITY, false), options), sink);
                running = m;
                inputs = m.inputs();
            }
            default -> throw new IllegalStateException("unreachable: " + topology);
        }
        startProducers();
    }

    /** The stage names of {@code topology} (the ones that add), then the sink. */
    static List<String> consumerNames(Topology topology) {
        List<String> names = new ArrayList<>();
        if (topology != Topology.SEQUENCER3) {
            names.addAll(RingTopology.consumerNames(topology));
        }
        names.add(SINK);
        return names;
    }

    private static StageSpec<Long, Long> adder(String name, StageTally tally) {
        Stage<Long, Long> add = (v, c) -> {
            tally.add(v);
            return v;
        };
        return new StageSpec<>(name, add, 1, Topology.CAPACITY, false);
    }

    @Override
    void publish(int producer, long from, long to) throws InterruptedException {
        Input<Long> in = inputs.get(producer);
        Long[] values = boxed;
        for (long v = from; v < to; v++) {
            in.submit(values[(int) v]);
        }
    }

    @Override
    void stopConsumers() {
        running.close();
    }
}
