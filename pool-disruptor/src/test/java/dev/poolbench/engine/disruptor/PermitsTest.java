package dev.poolbench.engine.disruptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admission permits: never more taken than the capacity, room again once given back. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PermitsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 66})
    void takesUpToTheCapacityThenOnlyWhatWasGivenBack(int capacity) {
        Permits permits = new Permits(capacity);
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
        Permits permits = new Permits(capacity);
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

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new Permits(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permits").hasMessageContaining("at least 1");
    }
}
