package dev.poolbench.engine.virtual;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Thread ids map onto the slot ring one to one, and consecutive ids do not share a cache line. */
class ThreadSlotsTest {

    @ParameterizedTest(name = "live bound {0}")
    @ValueSource(longs = {1, 8, 9, 66, 130, 200, 1_000, 4_096, 100_000})
    void everySlotIsTheSlotOfExactlyOneIdPerTurnOfTheRing(long liveBound) {
        ThreadSlots slots = new ThreadSlots(liveBound);
        int size = sizeOf(slots);
        assertThat(size).isGreaterThanOrEqualTo((int) Math.min(8192, 2 * liveBound));
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
}
