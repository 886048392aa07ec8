package dev.poolbench.api.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Never more taken than the capacity, room again once released; a waiter wakes on a release, gives
 * up at its timeout, and leaves on interrupt.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SplitSemaphoreTest {

    @ParameterizedTest(name = "capacity {0}, one taker: {1}")
    @CsvSource({"1, false", "3, false", "66, false", "1, true", "66, true"})
    void takesUpToTheCapacityThenOnlyWhatWasGivenBack(int capacity, boolean oneTaker) {
        SplitSemaphore permits = new SplitSemaphore(capacity, oneTaker);
        for (int i = 0; i < capacity; i++) {
            assertThat(permits.tryAcquire()).as("take %d of %d", i + 1, capacity).isTrue();
        }
        assertThat(permits.tryAcquire()).isFalse();
        permits.release(1);
        assertThat(permits.tryAcquire()).isTrue();
        assertThat(permits.tryAcquire()).isFalse();
    }

    @Test
    void concurrentTakersNeverHoldMoreThanTheCapacity() throws Exception {
        int capacity = 2;
        SplitSemaphore permits = new SplitSemaphore(capacity, false);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    while (!permits.tryAcquire()) {
                        Thread.onSpinWait();
                    }
                    peak.accumulateAndGet(held.incrementAndGet(), Math::max);
                    held.decrementAndGet();
                    permits.release(1);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(peak.get()).isBetween(1, capacity);
        assertThat(held.get()).isZero();
    }

    /** One taker (the single producer) while another thread releases (the stage): still never over the capacity. */
    @Test
    void aSingleTakerWithAConcurrentGiverNeverHoldsMoreThanTheCapacity() throws Exception {
        int capacity = 3;
        int items = 50_000;
        SplitSemaphore permits = new SplitSemaphore(capacity, true);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Thread giver = Thread.ofPlatform().start(() -> {
            for (int given = 0; given < items; ) {
                if (held.get() > 0) {
                    held.decrementAndGet();
                    permits.release(1);
                    given++;
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        for (int i = 0; i < items; i++) {
            while (!permits.tryAcquire()) {
                Thread.onSpinWait();
            }
            peak.accumulateAndGet(held.incrementAndGet(), Math::max);
        }
        giver.join();
        assertThat(peak.get()).isBetween(1, capacity);
        assertThat(held.get()).isZero();
    }

    @ParameterizedTest(name = "one taker: {0}")
    @ValueSource(booleans = {false, true})
    void aBlockedTakerWakesUpOnARelease(boolean oneTaker) throws Exception {
        SplitSemaphore s = new SplitSemaphore(1, oneTaker);
        s.acquire();
        CountDownLatch taken = new CountDownLatch(1);
        Thread taker = Thread.ofPlatform().start(() -> {
            try {
                s.acquire();
                taken.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(taken.await(50, TimeUnit.MILLISECONDS)).as("took a permit that was not there").isFalse();
        s.release();
        assertThat(taken.await(10, TimeUnit.SECONDS)).as("liveness bound: woken by the release").isTrue();
        taker.join();
        assertThat(s.availablePermits()).isZero();
    }

    @Test
    void aTimedTakeGivesUpAtItsTimeoutAndTakesWhatIsReleasedBefore() throws Exception {
        SplitSemaphore s = new SplitSemaphore(1, true);
        assertThat(s.tryAcquire(0, TimeUnit.NANOSECONDS)).isTrue();
        long start = System.nanoTime();
        assertThat(s.tryAcquire(20, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
        Thread releaser = Thread.ofPlatform().start(() -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            s.release();
        });
        assertThat(s.tryAcquire(10, TimeUnit.SECONDS)).as("liveness bound: the release came well before").isTrue();
        releaser.join();
    }

    @Test
    void aBlockedTakerLeavesOnInterrupt() throws Exception {
        SplitSemaphore s = new SplitSemaphore(1, false);
        s.acquire();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread taker = Thread.ofPlatform().start(() -> {
            try {
                s.acquire();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        taker.interrupt();
        taker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(taker.isAlive()).as("liveness bound").isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        s.release();
        assertThat(s.tryAcquire()).as("the interrupted taker took nothing").isTrue();
    }

    /** Takers that block (not spin) and releasers on other threads: every item passes, none over the capacity. */
    @ParameterizedTest(name = "takers {0}")
    @ValueSource(ints = {1, 3})
    void blockingTakersAndReleasersLoseNoWakeUp(int takers) throws Exception {
        int capacity = 2;
        int perTaker = 20_000;
        SplitSemaphore s = new SplitSemaphore(capacity, takers == 1);
        BlockingQueue<Integer> held = new LinkedBlockingQueue<>();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < takers; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < perTaker; i++) {
                        s.acquire();
                        peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        held.put(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        Thread releaser = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < takers * perTaker; i++) {
                    held.take();
                    inside.decrementAndGet();
                    s.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        threads.add(releaser);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(t.isAlive()).as("liveness bound: a lost wake-up hangs a taker").isFalse();
        }
        assertThat(peak.get()).isBetween(1, capacity);
        assertThat(s.availablePermits()).isEqualTo(capacity);
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        assertThatThrownBy(() -> new SplitSemaphore(0, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("permits").hasMessageContaining("at least 1");
    }
}
