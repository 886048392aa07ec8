package dev.poolbench.harness.jmh;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.Sink;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.WorkerPool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link Topology} through an engine of the contract, with {@link RawTopologyBenchmark}'s items
 * (boxed {@code Long}s), per-item work and batches. Every pattern ends in the sink, so the
 * contract's shape has one consumer more than the raw one: the sink, which counts and sums the
 * outputs and ends the batch.
 * <pre>
 *  unicast     worker pool, 1 worker:     P1 ─► [buffer] ─► C1 (adds) ─► sink
 *  pipeline3   3 stages of 1 worker:      P1 ─► [buf] ─► C1 ─► [buf] ─► C2 ─► [buf] ─► C3 ─► sink
 *  sequencer3  worker pool, 1 worker,     P1,P2,P3 ─► [buffer] ─► C1 (adds) ─► sink
 *              3 producers on its input
 * </pre>
 * Buffers hold {@value Topology#CAPACITY} items. Unicast and pipeline have one producer and are
 * built {@code singleProducer}; sequencer3's three producers share the one input, as the LMAX
 * {@code ThreeToOneSequencedThroughputTest}'s three publishers share one multi-producer ring.
 * (Until 2026-11-30 sequencer3 was a merge of three inputs: three lanes, so three consumers where
 * the raw topology has one, which measured a different shape.)
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
        PatternOptions options = PatternOptions.builder().singleProducer(topology.producers() == 1)
                .engineOptions(choice.options()).build();
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
            case UNICAST, SEQUENCER3 -> {
                Running<Long> r = engine.workerPool(WorkerPool.of(adder("C1", tallies.getFirst()), options), sink);
                running = r;
                inputs = Collections.nCopies(topology.producers(), r);
            }
            case PIPELINE3 -> {
                Running<Long> r = engine.pipeline(Pipeline.first(adder("C1", tallies.get(0)))
                        .then(adder("C2", tallies.get(1))).then(adder("C3", tallies.get(2))).build(options), sink);
                running = r;
                inputs = List.of(r);
            }
            default -> throw new IllegalStateException("unreachable: " + topology);
        }
        startProducers();
    }

    /** The stage names of {@code topology} (the ones that add), then the sink. */
    static List<String> consumerNames(Topology topology) {
        List<String> names = new ArrayList<>(RingTopology.consumerNames(topology));
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
