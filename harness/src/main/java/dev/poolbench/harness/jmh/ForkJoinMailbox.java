package dev.poolbench.harness.jmh;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A consumer on a {@link ForkJoinPool} written the way actor runtimes schedule a mailbox on one:
 * items go into a lock-free queue, and at most {@code drains} tasks at a time drain it, each
 * running items until the queue is empty — a task per burst, not per item. Offering an item
 * submits a drain task only when fewer than {@code drains} are active; a drain that finds the
 * queue empty leaves, then looks once more, so an item offered at that moment is not stranded.
 * With {@code drains == 1} the work runs serially, each run happening-before the next (the queue
 * hand-off and the counter's CAS order them), so it may keep plain state.
 */
final class ForkJoinMailbox<T> {

    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();
    private final ForkJoinPool pool;
    private final int drains;
    private final Consumer<T> work;
    private final Runnable drain = this::drain;

    /** @param work what a drain does with each item; it must not throw (report failures itself) */
    ForkJoinMailbox(ForkJoinPool pool, int drains, Consumer<T> work) {
        this.pool = pool;
        this.drains = drains;
        this.work = work;
    }

    void offer(T item) {
        queue.offer(item);
        if (tryStartDrain()) {
            pool.execute(drain);
        }
    }

    private boolean tryStartDrain() {
        for (int d = draining.get(); d < drains; d = draining.get()) {
            if (draining.compareAndSet(d, d + 1)) {
                return true;
            }
        }
        return false;
    }

    private void drain() {
        do {
            for (T item = queue.poll(); item != null; item = queue.poll()) {
                work.accept(item);
            }
            draining.decrementAndGet();
        } while (!queue.isEmpty() && tryStartDrain());
    }
}
