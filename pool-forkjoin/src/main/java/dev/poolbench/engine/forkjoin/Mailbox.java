package dev.poolbench.engine.forkjoin;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a stage's admitted items wait for a worker: a lock-free queue drained by at most
 * {@code limit} {@link Scheduling.Drain} tasks at once, each running items until the queue is
 * empty (a task per burst, not per item — the way actor runtimes put a mailbox on a fork/join
 * pool). A drain that finds the queue empty leaves and then looks once more, so an item offered
 * at that moment is not stranded. With {@code limit == 1} the items run one at a time in queue
 * order, which is what KEYED partitions rely on.
 */
final class Mailbox {
    /** {@link Item}s, or bare inputs that have not left their first stage (see {@link Scheduling}). */
    final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drains = new AtomicInteger();
    private final int limit;
    /** The stage node this mailbox serves; null for KEYED partitions a merge's lanes share (only Items go there). */
    StageNode node;

    Mailbox(int limit) {
        this.limit = limit;
    }

    /** Claims one of the {@code limit} drains; false if all are taken (a running drain will see the item). */
    boolean tryStartDrain() {
        for (int d = drains.get(); d < limit; d = drains.get()) {
            if (drains.compareAndSet(d, d + 1)) {
                return true;
            }
        }
        return false;
    }

    /** A drain leaves; true if it must go on because an item arrived meanwhile and it got the drain back. */
    boolean leaveOrContinue() {
        drains.decrementAndGet();
        return !queue.isEmpty() && tryStartDrain();
    }

    /** A drain that was claimed but could not be scheduled gives its claim back. */
    void abandonDrain() {
        drains.decrementAndGet();
    }
}
