package dev.poolbench.harness.jmh;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** A mailbox runs every offered item once, never with more than its drains at a time, from many offering threads. */
class ForkJoinMailboxTest {

    @ParameterizedTest(name = "drains {0}")
    @ValueSource(ints = {1, 2})
    void everyItemRunsOnceWithinTheDrainLimit(int drains) {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ForkJoinPool pool = new ForkJoinPool(3);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger mostInside = new AtomicInteger();
            LongAdder sum = new LongAdder();
            LongAdder count = new LongAdder();
            ForkJoinMailbox<Long> box = new ForkJoinMailbox<>(pool, drains, v -> {
                mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                sum.add(v);
                count.increment();
                inside.decrementAndGet();
            });
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                producers.add(Thread.ofPlatform().start(() -> {
                    for (long v = 1; v <= 20_000; v++) {
                        box.offer(v);
                    }
                }));
            }
            for (Thread t : producers) {
                t.join();
            }
            while (count.sum() < 60_000) {
                Thread.sleep(1);
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(count.sum()).isEqualTo(60_000);
            assertThat(sum.sum()).isEqualTo(3L * 20_000 * 20_001 / 2);
            assertThat(mostInside.get()).isBetween(1, drains);
        });
    }
}
