package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.SplitSemaphore;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * One stage of one lane and its admission bound: {@code slots} holds {@code buffer + parallelism}
 * permits, one per item in the stage — waiting in a mailbox, running, or finished and waiting for
 * a slot downstream (an item takes the next stage's slot before it gives this one back). At most
 * {@code parallelism} drains run the stage's items, so at most that many run at once and the rest
 * wait: exactly the buffer. No lock: a permit is a CAS (a store, with one taker) on the takers'
 * count, a release an add on the releasers' ({@link SplitSemaphore}: the two sides write
 * different lines), and only a full stage makes anyone wait.
 *
 * <p>Unordered and ORDERED stages have one mailbox with {@code parallelism} drains. KEYED stages
 * have serial partitions (one drain each) chosen by the key's hash, so equal keys run one at a
 * time in arrival order; a merge's lanes share the partitions of a stage index, so equal keys
 * from different inputs meet in one queue.
 */
final class StageNode {
    final String name;
    final Stage<Object, Object> function;
    final StageContext context;
    final int parallelism;
    final int buffer;
    final boolean blocking;
    final SplitSemaphore slots;
    private final Mailbox[] mailboxes;
    StageNode next;
    /** The combiner partial of this lane (last stage of a fan-out lane, parallelism 1: one writer at a time). */
    Object partial;

    /** @param oneTaker one thread at a time takes this stage's slots (a single-producer instance's first stage) */
    StageNode(StageSpec<?, ?> spec, StageContext context, Mailbox[] mailboxes, boolean oneTaker) {
        this.name = spec.name();
        this.function = spec.untyped();
        this.context = context;
        this.parallelism = spec.parallelism();
        this.buffer = spec.buffer();
        this.blocking = spec.blocking();
        this.slots = new SplitSemaphore(spec.buffer() + spec.parallelism(), oneTaker);
        this.mailboxes = mailboxes;
        if (mailboxes.length == 1 && mailboxes[0].node == null) {
            mailboxes[0].node = this;
        }
    }

    /** The mailboxes of a stage: one with {@code parallelism} drains, or {@code partitions} serial ones (KEYED). */
    static Mailbox[] mailboxes(int parallelism, int partitions, boolean keyed) {
        if (!keyed) {
            return new Mailbox[] {new Mailbox(parallelism)};
        }
        Mailbox[] m = new Mailbox[partitions];
        for (int i = 0; i < m.length; i++) {
            m[i] = new Mailbox(1);
        }
        return m;
    }

    Mailbox mailboxFor(Object key) {
        return mailboxes.length == 1 ? mailboxes[0] : mailboxes[Math.floorMod(key.hashCode(), mailboxes.length)];
    }

    Mailbox[] mailboxes() {
        return mailboxes;
    }

    /**
     * Takes a slot, waiting while the stage is full. A worker of this stage's pool waits under
     * {@link ForkJoinPool#managedBlock}, so the pool may start a compensating thread meanwhile:
     * backpressure never starves the stages that would free the slot.
     */
    void acquire() throws InterruptedException {
        if (!slots.tryAcquire()) {
            ManagedWait.take(slots::tryAcquire, slots::acquire);
        }
    }

    /** Takes a slot within {@code nanos}; false if the stage stayed full. */
    boolean tryAcquire(long nanos) throws InterruptedException {
        return slots.tryAcquire() || slots.tryAcquire(nanos, TimeUnit.NANOSECONDS);
    }

    void release() {
        slots.release();
    }
}
