package dev.poolbench.engine.forkjoin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The ORDERED reorder buffer: completions arrive with their acceptance number (an item, or a
 * gap for one that was filtered, failed or cancelled) and leave in number order. One completing
 * thread at a time is the emitter and delivers the contiguous run; the lock is not held while it
 * delivers, so a slow sink never blocks a completer or a cancel, and the emitter re-checks for
 * items that arrived meanwhile before it stops.
 */
final class OrderedRelease {
    private static final Object GAP = new Object();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Object> held = new HashMap<>();
    private long next;
    private boolean emitting;
    private boolean discarded;

    /**
     * Reports {@code seq} complete ({@code item} null for a gap) and, unless another thread is
     * emitting, delivers every item now in order. False if the buffer was discarded by a cancel:
     * the caller then counts the item cancelled.
     */
    boolean complete(long seq, Item item, Consumer<Item> deliver) {
        lock.lock();
        try {
            if (discarded) {
                return false;
            }
            held.put(seq, item == null ? GAP : item);
            if (emitting) {
                return true;
            }
            emitting = true;
            try {
                Object x;
                while ((x = held.remove(next)) != null) {
                    next++;
                    if (x != GAP) {
                        lock.unlock();
                        try {
                            deliver.accept((Item) x);
                        } finally {
                            lock.lock();
                        }
                    }
                }
            } finally {
                emitting = false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** On cancel: drops the held items (returned, to be counted cancelled); later completions are refused. */
    List<Item> discard() {
        lock.lock();
        try {
            discarded = true;
            List<Item> dropped = new ArrayList<>();
            for (Object o : held.values()) {
                if (o != GAP) {
                    dropped.add((Item) o);
                }
            }
            held.clear();
            return dropped;
        } finally {
            lock.unlock();
        }
    }
}
