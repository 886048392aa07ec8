package dev.poolbench.api.support;

import dev.poolbench.api.PatternStats;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Each counter counts its own outcome, exactly, under concurrent writers; a snapshot never goes negative. */
class OutcomeCountersTest {

    @Test
    void everyCounterKeepsItsOwnCountUnderConcurrentWriters() throws InterruptedException {
        OutcomeCounters c = new OutcomeCounters();
        int threads = 4;
        int perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    c.accepted();
                    switch (i % 4) {
                        case 0 -> c.output();
                        case 1 -> c.filtered();
                        case 2 -> c.failed();
                        default -> c.cancelled();
                    }
                }
            }));
        }
        start.countDown();
        for (Thread w : writers) {
            assertThat(w.join(java.time.Duration.ofSeconds(30))).as("writer finished (liveness bound)").isTrue();
        }
        c.cancelled(7);
        c.accepted();
        PatternStats s = c.snapshot(List.of(3));
        int each = threads * perThread / 4;
        assertThat(s.accepted()).isEqualTo(threads * perThread + 1L);
        assertThat(s.outputs()).isEqualTo(each);
        assertThat(s.filtered()).isEqualTo(each);
        assertThat(s.failed()).isEqualTo(each);
        assertThat(s.cancelled()).isEqualTo(each + 7L);
        assertThat(c.acceptedCount()).isEqualTo(threads * perThread + 1L);
        assertThat(c.inFlight()).isEqualTo(1 - 7);
        assertThat(s.inFlight()).as("a snapshot never shows a negative in-flight count").isZero();
    }

    @Test
    void aSnapshotTakenWhileItemsMoveNeverShowsMoreEndedThanAccepted() throws InterruptedException {
        OutcomeCounters c = new OutcomeCounters();
        Thread mover = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 200_000; i++) {
                c.accepted();
                c.output();
            }
        });
        long snapshots = 0;
        while (mover.isAlive()) {
            PatternStats s = c.snapshot(List.of());
            assertThat(s.outputs()).isLessThanOrEqualTo(s.accepted());
            snapshots++;
        }
        mover.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(snapshots).isPositive();
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void aSoleWriterHandedFromThreadToThreadCountsEveryBumpWhileSnapshotsStayConsistent() throws InterruptedException {
        OutcomeCounters c = new OutcomeCounters();
        int perWriter = 100_000;
        AtomicReference<Throwable> readerFailed = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                long lastAccepted = 0;
                while (c.acceptedCount() < 3L * perWriter) {
                    PatternStats s = c.snapshot(List.of());
                    assertThat(s.outputs()).isLessThanOrEqualTo(s.accepted());
                    assertThat(s.accepted()).isGreaterThanOrEqualTo(lastAccepted);
                    lastAccepted = s.accepted();
                }
            } catch (Throwable t) {
                readerFailed.set(t);
            }
        });
        // one writer at a time, each started after the previous one ended (join: happens-before)
        for (int w = 0; w < 3; w++) {
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perWriter; i++) {
                    c.acceptedBySoleWriter();
                    c.outputBySoleWriter();
                }
            });
            writer.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(writer.isAlive()).as("writer finished (liveness bound)").isFalse();
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(reader.isAlive()).as("reader finished (liveness bound)").isFalse();
        assertThat(readerFailed.get()).isNull();
        assertThat(c.acceptedCount()).isEqualTo(3L * perWriter);
        assertThat(c.snapshot(List.of()).outputs()).isEqualTo(3L * perWriter);
        assertThat(c.inFlight()).isZero();
    }
}
