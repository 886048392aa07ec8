package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

import java.util.ArrayDeque;
import java.util.Map;

/**
 * One stage of one lane and its admission bound, all guarded by the instance lock: at most
 * {@code parallelism} items hold a slot ({@code running}: running the stage, or finished and
 * waiting in {@code outbox} for room downstream), at most {@code buffer} wait in front of it
 * ({@code ready}, plus items parked behind an equal key). Invariant: a free slot means an empty
 * {@code ready} queue.
 *
 * <p>Under KEYED, {@code keys} (shared by the lanes of one stage index) maps every key that holds a
 * slot or a ready place in this stage to the items of that key waiting behind it, so equal keys
 * never run concurrently and enter the stage in arrival order.
 */
final class StageNode {
    final String name;
    final Stage<Object, Object> function;
    final StageContext context;
    final int parallelism;
    final int buffer;
    final boolean blocking;
    final Map<Object, ArrayDeque<Item>> keys;
    StageNode prev;
    StageNode next;

    final ArrayDeque<Item> ready = new ArrayDeque<>();
    final ArrayDeque<Item> outbox = new ArrayDeque<>();
    int running;
    int parked;
    /** The combiner partial of this lane (last stage of a fan-out lane only); one slot, so one writer. */
    Object partial;

    StageNode(StageSpec<?, ?> spec, StageContext context, Map<Object, ArrayDeque<Item>> keys) {
        this.name = spec.name();
        this.function = spec.untyped();
        this.context = context;
        this.parallelism = spec.parallelism();
        this.buffer = spec.buffer();
        this.blocking = spec.blocking();
        this.keys = keys;
    }

    boolean canRunNow(Object key) {
        return running < parallelism && ready.isEmpty() && (keys == null || !keys.containsKey(key));
    }

    /** Whether an item with {@code key} may enter now, to run or to wait in the buffer. */
    boolean hasRoom(Object key) {
        return canRunNow(key) || ready.size() + parked < buffer;
    }

    int load() {
        return running + ready.size() + parked;
    }
}
