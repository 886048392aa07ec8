package dev.poolbench.engine.virtual;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thread ids map onto the slot ring one to one, and consecutive ids do not share a cache line;
 * every thread put (by its starter or by itself) is reached by cancel and by the final join,
 * also after a full turn of the ring displaced it.
 */
class ThreadSlotsTest {

    @ParameterizedTest(name = "live bound {0}")
    @ValueSource(longs = {1, 8, 9, 66, 130, 200, 1_000, 4_096, 65_537, 1_000_000})
    void everySlotIsTheSlotOfExactlyOneIdPerTurnOfTheRing(long liveBound) {
        ThreadSlots slots = new ThreadSlots(liveBound);
        int size = sizeOf(slots);
        assertThat(size).isGreaterThanOrEqualTo((int) Math.min(ThreadSlots.MAX_SLOTS, 2 * liveBound));
        BitSet seen = new BitSet(size);
        long firstId = 1_000_003; // ids do not start at zero
        for (long id = firstId; id < firstId + size; id++) {
            int slot = slots.slotOf(id);
            assertThat(slot).isBetween(0, size - 1);
            assertThat(seen.get(slot)).as("slot %d taken twice in one turn", slot).isFalse();
            seen.set(slot);
            assertThat(slots.slotOf(id + size)).as("ids a ring apart share a slot").isEqualTo(slot);
        }
        assertThat(seen.cardinality()).isEqualTo(size);
    }

    @ParameterizedTest(name = "live bound {0}")
    @ValueSource(longs = {128, 1_000, 100_000})
    void consecutiveIdsLandOnDifferentCacheLines(long liveBound) {
        ThreadSlots slots = new ThreadSlots(liveBound);
        for (long id = 77; id < 77 + 1_000; id++) {
            // 16 compressed references per 64-byte line
            assertThat(slots.slotOf(id) / 16).isNotEqualTo(slots.slotOf(id + 1) / 16);
        }
    }

    /** The ring size: the smallest power of two that no id below it wraps onto a taken slot. */
    private static int sizeOf(ThreadSlots slots) {
        int size = 16;
        while (slots.slotOf(size) != slots.slotOf(0)) {
            size <<= 1;
        }
        return size;
    }

    /**
     * Threads put by their starter, more than the ring holds, all blocked: the ring wraps and
     * displaces live ones, yet {@code interruptAll} reaches every one and {@code joinAll} returns
     * only when every one has ended.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // liveness bound: a thread the slots lost would hang here
    void aThreadPutBeforeItsStartIsInterruptedAndJoinedAfterTheRingWrapped() throws InterruptedException {
        assertEveryThreadReached(true);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aThreadThatPutItselfIsInterruptedAndJoinedAfterTheRingWrapped() throws InterruptedException {
        assertEveryThreadReached(false);
    }

    private static void assertEveryThreadReached(boolean putByStarter) throws InterruptedException {
        ThreadSlots slots = new ThreadSlots(1); // 16 slots
        int n = 3 * 16 + 5;
        CountDownLatch allIn = new CountDownLatch(n);
        CountDownLatch interrupted = new CountDownLatch(n);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = Thread.ofVirtual().unstarted(() -> {
                if (!putByStarter) {
                    slots.putSelf();
                }
                allIn.countDown();
                try {
                    new CountDownLatch(1).await(); // blocked until a cancel interrupts it
                } catch (InterruptedException expected) {
                    interrupted.countDown();
                }
            });
            if (putByStarter) {
                slots.putBeforeStart(t);
            }
            t.start();
            started.add(t);
        }
        assertThat(allIn.await(20, TimeUnit.SECONDS)).isTrue();
        slots.interruptAll();
        assertThat(interrupted.await(20, TimeUnit.SECONDS)).as("every blocked thread interrupted").isTrue();
        slots.joinAll();
        assertThat(started).allSatisfy(t -> assertThat(t.isAlive()).as("%s alive after joinAll", t).isFalse());
    }
}
