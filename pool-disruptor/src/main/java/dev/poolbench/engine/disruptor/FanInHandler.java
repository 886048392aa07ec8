package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;

/**
 * The last handler of the chain and the only one that calls the sink: it follows every stage
 * shard, so it sees the events in sequence (acceptance) order, one at a time on one thread.
 * When the last stage has a single shard, that shard is its {@code tail}: it runs the stage on
 * each event just before delivering it, on this thread (see {@link RingWiring}).
 * That makes the sink never concurrent, and gives ORDERED and KEYED output order for free. It is
 * also the ring's gating sequence: a slot is free again once the fan-in has passed it.
 *
 * <p>It watches for the end: once every input is closed the instance publishes an end marker
 * and sets {@link #endAt} to its sequence; the fan-in reports {@code drained} on its own thread
 * when it passes it.
 *
 * <p>It gives the permits of the items it passed back once per batch, as the raw ring frees its
 * slots: {@code BatchEventProcessor} moves the gating sequence at the end of a batch. Per item,
 * the release was a CAS on the line the producer's {@code tryAcquire} works on, moving between
 * the two cores on every item. Giving back later never lets more in than the bound.
 */
final class FanInHandler implements EventHandler<RingEvent> {
    private final HandlerHost host;
    @SuppressWarnings("rawtypes")
    private final Sink sink;
    private final UserCodeGate gate;
    /** The last stage when it has one shard, run here before delivery; else null. */
    private final StageHandler tail;
    /** Per input: items passed in this batch, whose permits are not given back yet. */
    private final int[] passed;
    private volatile long endAt = Long.MAX_VALUE;
    private Sequence own;

    /**
     * @param sources the instance's inputs
     * @param tail    the last stage's only shard, to run on this thread; null when it has threads of its own
     */
    FanInHandler(HandlerHost host, Sink<?> sink, int sources, StageHandler tail) {
        this.host = host;
        this.sink = sink;
        this.tail = tail;
        this.passed = new int[sources];
        // one gate per thread: the tail's stage and the sink run on this thread, and a second gate
        // would cost a second fenced open and CAS close per batch (batches are short when the
        // handler keeps up with the producer: a few items each)
        this.gate = tail != null ? tail.gate() : new UserCodeGate(host);
    }

    UserCodeGate gate() {
        return gate;
    }

    /** The fan-in's sequence: the last stage's region ends here. */
    Sequence sequence() {
        return own;
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.own = sequenceCallback;
    }

    @Override
    public void onStart() {
        gate.bindToCurrentThread(); // the tail's gate too (not tail.onStart(): this processor starts once)
        host.handlerStarted();
    }

    @Override
    public void onEvent(RingEvent event, long sequence, boolean endOfBatch) {
        try {
            pass(event, sequence, endOfBatch);
        } finally {
            if (endOfBatch) {
                gate.endOfBatch();
            }
        }
    }

    private void pass(RingEvent event, long sequence, boolean endOfBatch) {
        if (tail != null) {
            tail.handle(event, sequence);
        }
        byte state = event.state;
        if (state == RingEvent.LIVE) {
            deliverOutput(event);
        } else if (state == RingEvent.FAILED && event.value != null) {
            deliverFailure((Failure) event.value);
        }
        if (event.source >= 0) {
            passed[event.source]++;
        }
        event.clear();
        boolean end = sequence >= endAt;
        if (endOfBatch || end) {
            giveBack();
        }
        if (end) {
            host.drained();
        }
    }

    private void giveBack() {
        for (int source = 0; source < passed.length; source++) {
            if (passed[source] != 0) {
                host.left(source, passed[source]);
                passed[source] = 0;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliverOutput(RingEvent event) {
        if (!gate.enter()) {
            return; // cancelled: counted cancelled at termination
        }
        try {
            sink.onOutput(event.value);
        } catch (Throwable t) {
            gate.exit();
            if (!(host.isCancelled() && HandlerHost.isInterruption(t))) {
                host.counters().failed();
                host.fatal(new Failure(event.input, "sink", t));
            }
            return;
        }
        gate.exit();
        // the sole writer of the outputs count: with a combiner the last stage's shards absorb every
        // output and count it there, and no LIVE event reaches this handler
        host.counters().outputBySoleWriter();
    }

    private void deliverFailure(Failure failure) {
        if (!gate.enter()) {
            return; // already counted failed
        }
        try {
            sink.onFailure(failure);
        } catch (Throwable t) {
            gate.exit();
            if (!(host.isCancelled() && HandlerHost.isInterruption(t))) {
                host.fatal(new Failure(failure.input(), "sink", t));
            }
            return;
        }
        gate.exit();
    }

    /** Sets the end marker's sequence (before it is published): the fan-in reports drained once it passes it. */
    void endAt(long marker) {
        endAt = marker;
    }
}
