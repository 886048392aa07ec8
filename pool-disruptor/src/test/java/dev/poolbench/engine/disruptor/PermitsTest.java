package dev.poolbench.engine.disruptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admission permits: never more taken than the capacity, room again once given back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PermitsTest {

    @ParameterizedTest(name = "capacity {0}, one taker: {1}")
    @CsvSource({"1, false", "3, false", "66, false", "1, true", "66, true"})
    void takesUpToTheCapacityThenOnlyWhatWasGivenBack(int capacity, boolean oneTaker) {
        Permits permits = new Permits(capacity, oneTaker);
        for (int i = 0; i < capacity; i++) {
            assertThat(permits.tryTake()).as("take %d of %d", i + 1, capacity).isTrue();
        }
        assertThat(permits.tryTake()).isFalse();
        permits.giveBack(1);
        assertThat(permits.tryTake()).isTrue();
        assertThat(permits.tryTake()).isFalse();
    }

    @Test
    void concurrentTakersNeverHoldMoreThanTheCapacity() throws Exception {
        int capacity = 2;
        Permits permits = new Permits(capacity, false);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    while (!permits.tryTake()) {
                        Thread.onSpinWait();
                    }
                    peak.accumulateAndGet(held.incrementAndGet(), Math::max);
                    held.decrementAndGet();
                    permits.giveBack(1);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(peak.get()).isBetween(1, capacity);
        assertThat(held.get()).isZero();
    }

    /** One taker (the single producer) while another thread gives back (the fan-in): still never over the capacity. */
    @Test
    void aSingleTakerWithAConcurrentGiverNeverHoldsMoreThanTheCapacity() throws Exception {
        int capacity = 3;
        int items = 50_000;
        Permits permits = new Permits(capacity, true);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Thread giver = Thread.ofPlatform().start(() -> {
            for (int given = 0; given < items; ) {
                if (held.get() > 0) {
                    held.decrementAndGet();
                    permits.giveBack(1);
                    given++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        for (int i = 0; i < items; i++) {
            while (!permits.tryTake()) {
                Thread.onSpinWait();
            }
            peak.accumulateAndGet(held.incrementAndGet(), Math::max);
        }
        giver.join();
        assertThat(peak.get()).isBetween(1, capacity);
        assertThat(held.get()).isZero();
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new Permits(0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permits").hasMessageContaining("at least 1");
    }
}
