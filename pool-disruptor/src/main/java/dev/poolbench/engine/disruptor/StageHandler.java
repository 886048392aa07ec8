package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import dev.poolbench.api.Combiner;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

/**
 * One shard of a stage: shard {@code index} of {@code shards} handlers that all see every
 * sequence of the ring and each run the stage on its share: {@code sequence mod shards}, or
 * {@code keyHash mod shards} under KEYED (so equal keys meet the same handler, in sequence
 * order, in every stage). A slow item therefore holds up every later item of its shard, and the
 * next stage waits for the slowest shard (head-of-line blocking on skewed work).
 *
 * <p>With a combiner (the last stage of a fan-out), outputs are folded into this shard's own
 * partial instead of travelling to the fan-in.
 */
final class StageHandler implements EventHandler<RingEvent>, StageContext {
    private final HandlerHost host;
    private final String name;
    private final Stage<Object, Object> function;
    private final int index;
    private final int shards;
    /** {@code shards - 1} when a power of two (owner = a mask, not a 64-bit division per sequence); else -1. */
    private final long ownerMask;
    private final boolean keyed;
    @SuppressWarnings("rawtypes")
    private final Combiner combiner;
    private final Object[] partials;
    private final UserCodeGate gate;
    /** The next stage's region, which an output of this shard must enter; null for the last stage. */
    private final Region next;
    /**
     * First of several stages: the owner gives the first stage's permit back when its item leaves,
     * once per batch (and before it waits on the next stage), as {@link FanInHandler} does.
     */
    private final boolean first;
    /** Items that left this first-stage shard whose permits are not given back yet. */
    private int leftUnreported;
    /** Under {@code disruptor.wait=parking}: told when this shard has moved, so that blocked followers wake up. */
    private final ParkingWaitStrategy followers;
    private Sequence own;
    /**
     * The last sequence the next stage had room for when this shard last looked: below it, no
     * need to read the next stage's sequences (lines their threads write) for every item.
     */
    private long nextAdmitsUpTo = Long.MIN_VALUE;

    StageHandler(HandlerHost host, StageSpec<?, ?> spec, int index, int shards, boolean keyed,
                 Combiner<?, ?> combiner, Object[] partials, Region next, boolean first,
                 ParkingWaitStrategy followers) {
        this.host = host;
        this.name = spec.name();
        this.function = spec.untyped();
        this.index = index;
        this.shards = shards;
        this.ownerMask = Integer.bitCount(shards) == 1 ? shards - 1 : -1;
        this.keyed = keyed;
        this.combiner = combiner;
        this.partials = partials;
        this.gate = new UserCodeGate(host);
        this.next = next;
        this.first = first;
        this.followers = followers;
    }

    UserCodeGate gate() {
        return gate;
    }

    /** This shard's sequence (what it has passed), for the regions it ends. */
    Sequence sequence() {
        return own;
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.own = sequenceCallback;
    }

    @Override
    public void onStart() {
        gate.bindToCurrentThread();
        host.handlerStarted();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEvent(RingEvent event, long sequence, boolean endOfBatch) {
        try {
            handle(event, sequence);
        } finally {
            if (endOfBatch) {
                gate.endOfBatch();
            }
        }
        if (endOfBatch) {
            reportLeft();
        }
        if (endOfBatch && followers != null) {
            own.setVolatile(sequence); // what the processor does next; done first (and fenced), so the woken see it
            followers.progressed();
        }
    }

    /** Runs the stage on the event if this shard owns it (also called by a {@link FanInHandler} whose tail this is). */
    void handle(RingEvent event, long sequence) {
        // the owner first, from the sequence alone where it can be: a shard never reads a slot it
        // does not own, which would pull the producer's cache line to every shard (the raw ring's
        // handlers do not touch those either)
        long by = keyed ? event.keyHash : sequence;
        int owner = (int) (ownerMask >= 0 ? by & ownerMask : Math.floorMod(by, (long) shards));
        if (owner != index || event.state != RingEvent.LIVE) {
            return;
        }
        try {
            run(event, sequence);
        } finally {
            if (first) {
                leftUnreported++;
            }
        }
    }

    private void reportLeft() {
        if (leftUnreported != 0) {
            host.leftFirstStage(leftUnreported);
            leftUnreported = 0;
        }
    }

    @SuppressWarnings("unchecked")
    private void run(RingEvent event, long sequence) {
        if (!gate.enter()) {
            return; // cancelled: the item stays in flight and is counted cancelled at the end
        }
        Object out;
        try {
            out = function.apply(event.value, this);
        } catch (Throwable t) {
            gate.exit();
            host.stageFailed(event, name, t);
            return;
        }
        gate.exit();
        if (out == null) {
            event.value = null;
            event.state = RingEvent.FILTERED;
            host.counters().filtered();
            return;
        }
        if (combiner == null) {
            event.value = out;
            enterNext(sequence);
            return;
        }
        if (!gate.enter()) {
            return;
        }
        try {
            partials[index] = combiner.accumulate(partials[index], out);
        } catch (Throwable t) {
            gate.exit();
            if (!(host.isCancelled() && HandlerHost.isInterruption(t))) {
                event.value = null; // a FAILED event's value is a Failure for the sink, or null
                event.state = RingEvent.FAILED;
                host.counters().failed();
                host.fatal(new Failure(event.input, "combiner", t));
            }
            return;
        }
        gate.exit();
        event.value = null;
        event.state = RingEvent.ABSORBED;
        host.counters().output();
    }

    /**
     * Holds the item (and so this shard) until the next stage has room for it: its buffer plus
     * its parallelism. Everything before it has passed this shard, which says so first, so the
     * next stage can work on those meanwhile. A cancel ends the wait; the item stays in flight
     * and is counted cancelled at termination.
     */
    private void enterNext(long sequence) {
        if (next == null || sequence <= nextAdmitsUpTo) {
            return; // room seen before still holds: exits only move forward
        }
        nextAdmitsUpTo = next.admitsUpTo();
        if (sequence <= nextAdmitsUpTo) {
            return;
        }
        if (own.get() < sequence - 1) {
            if (followers == null) {
                own.set(sequence - 1);
            } else {
                own.setVolatile(sequence - 1); // blocked followers must hear of it: they are what we wait for
                followers.progressed();
            }
        }
        reportLeft(); // what left before this item must not wait with it
        next.await(sequence, host::isCancelled);
    }

    // ---- StageContext ----

    @Override
    public String stageName() {
        return name;
    }

    @Override
    public boolean isCancelled() {
        return host.isCancelled();
    }
}
