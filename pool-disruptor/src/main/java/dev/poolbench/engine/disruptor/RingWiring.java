package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.EventHandlerGroup;
import com.lmax.disruptor.dsl.ProducerType;
import dev.poolbench.api.Combiner;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * The ring of one instance and its handlers, wired but not started: the stages as a handler chain
 * ({@code handleEventsWith(stage 1 shards).then(stage 2 shards)… .then(fan-in)}), each later
 * stage's {@link Region} told which sequences leave it, and the user-code gate of every handler
 * (a cancel interrupts through them).
 *
 * <p>A last stage of one shard runs on the fan-in's thread ({@link FanInHandler}'s tail), as the
 * raw ring's last handler delivers: it sees every sequence in order on one thread already, so a
 * thread of its own would only add a hand-off and a busy thread (a worker pool of one worker and
 * a pipeline of single-worker stages then run as many handler threads as the raw ring).
 */
final class RingWiring {
    final Disruptor<RingEvent> disruptor;
    final FanInHandler fanIn;
    final List<UserCodeGate> gates = new ArrayList<>();
    /** The fan-in plus every stage's shards. */
    final int handlerThreads;

    /**
     * @param sources      the instance's inputs
     * @param regions      per stage, its region; [0] unused (the first stage is entered by permit)
     * @param shardsFactor handler shards per unit of a stage's parallelism (k for a merge of k, else 1)
     */
    RingWiring(HandlerHost host, List<StageSpec<?, ?>> stages, int sources, int shardsFactor, boolean keyed,
               Combiner<?, ?> combiner, Object[] partials, Region[] regions, Sink<?> sink, int ringSize,
               ThreadFactory handlerThreadsFrom, ProducerType producerType, WaitStrategy strategy) {
        ParkingWaitStrategy followers = strategy instanceof ParkingWaitStrategy p ? p : null;
        this.disruptor = new Disruptor<>(RingEvent::new, ringSize, handlerThreadsFrom, producerType, strategy);
        disruptor.setDefaultExceptionHandler(new EngineExceptionHandler(host));
        EventHandlerGroup<RingEvent> chain = null;
        int threads = 1;
        StageHandler tail = null;
        List<StageHandler[]> byStage = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            StageSpec<?, ?> spec = stages.get(s);
            int shards = spec.parallelism() * shardsFactor;
            boolean last = s == stages.size() - 1;
            StageHandler[] handlers = new StageHandler[shards];
            for (int j = 0; j < shards; j++) {
                handlers[j] = new StageHandler(host, spec, j, shards, keyed, last ? combiner : null, partials,
                        last ? null : regions[s + 1], s == 0 && !last, followers);
                gates.add(handlers[j].gate());
            }
            byStage.add(handlers);
            if (last && fusesTail(shards)) {
                tail = handlers[0];
                break;
            }
            threads += shards;
            chain = chain == null ? disruptor.handleEventsWith(handlers) : chain.then(handlers);
        }
        this.fanIn = new FanInHandler(host, sink, sources, tail);
        if (tail == null) {
            gates.add(fanIn.gate()); // else it is the tail's, added above
        }
        if (chain == null) {
            disruptor.handleEventsWith(fanIn);
        } else {
            chain.then(fanIn);
        }
        this.handlerThreads = threads;
        // the processors exist now, so every handler has its sequence: wire where each region ends
        for (int s = 1; s < stages.size() - 1; s++) {
            regions[s].exits(Arrays.stream(byStage.get(s)).map(StageHandler::sequence).toArray(Sequence[]::new));
        }
        if (stages.size() > 1) {
            regions[stages.size() - 1].exits(fanIn.sequence());
        }
    }

    /** Whether a last stage of {@code shards} shards runs on the fan-in's thread. */
    static boolean fusesTail(int shards) {
        return shards == 1;
    }

    /** The handler threads of an instance whose stages have {@code shardsTotal} shards, its last {@code lastShards}. */
    static int handlerThreads(int shardsTotal, int lastShards) {
        return shardsTotal + (fusesTail(lastShards) ? 0 : 1);
    }
}
