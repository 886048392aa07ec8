package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The meters a tail is read against, each shown to see what it claims to: the per-thread CPU
 * census (groups add up to the process total; a busy thread outside the engine is not billed to
 * it; an engine that parks per item shows context switches and run-queue wait), and a planted
 * stop-the-world GC pause seen by both the hiccup meter and the GC pause counter.
 */
class AttributionMetersTest {

    /** Starts a thread named {@code name} that burns CPU until {@code stop}. */
    private static Thread busy(String name, AtomicBoolean stop) {
        return Thread.ofPlatform().name(name).start(() -> {
            long x = 0;
            while (!stop.get()) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.print("");
            }
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theGroupsAddUpToTheProcessTotalOnACpuBoundWindow() throws Exception {
        assumeTrue(ThreadCensus.AVAILABLE, "no /proc/self/task on this OS");
        AtomicBoolean stop = new AtomicBoolean();
        Thread engine = busy("poolbench-test-engine-0", stop);
        Thread generator = busy(CpuGroup.GENERATOR_PREFIX + "test", stop);
        Thread.sleep(50);
        ThreadCensus before = ThreadCensus.take();
        Thread.sleep(1500);
        ThreadCensus.Window w = ThreadCensus.take().since(before);
        stop.set(true);
        engine.join();
        generator.join();
        long sum = 0;
        for (CpuGroup g : CpuGroup.values()) {
            sum += w.group(g);
        }
        assertThat(w.precise()).isTrue();
        // the OS's tick total moves in 10 ms steps: about 1 % of 2 × 1.5 s; 5 % is the bound asked for
        assertThat((double) sum).as("sum of the groups vs the process total (ns)")
                .isCloseTo(w.processTickNanos(), within(0.05 * w.processTickNanos()));
        assertThat(w.group(CpuGroup.ENGINE)).as("engine ns").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(w.group(CpuGroup.GENERATOR)).as("generator ns").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aBusyThreadOutsideTheEngineIsBilledToOtherNotToTheEngine() throws Exception {
        assumeTrue(ThreadCensus.AVAILABLE, "no /proc/self/task on this OS");
        AtomicBoolean stop = new AtomicBoolean();
        Thread planted = busy("planted-busy", stop);
        Thread.sleep(50);
        ThreadCensus before = ThreadCensus.take();
        Thread.sleep(600);
        ThreadCensus.Window w = ThreadCensus.take().since(before);
        stop.set(true);
        planted.join();
        assertThat(w.group(CpuGroup.OTHER)).as("other ns").isGreaterThan(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(w.group(CpuGroup.ENGINE)).as("engine ns").isLessThan(TimeUnit.MILLISECONDS.toNanos(50));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void anEngineThatParksPerItemShowsContextSwitchesAndRunQueueWait() throws Exception {
        assumeTrue(ThreadCensus.AVAILABLE, "no /proc/self/task on this OS");
        int items = 2000;
        Window w = parkWhileCounting(items);
        assertThat(w.switches).as("engine context switches for " + items + " parks").isGreaterThan(items / 2);
        assertThat(w.runQueueNanos).as("engine run-queue wait (ns)").isPositive();
    }

    private record Window(long switches, long runQueueNanos) {
    }

    /**
     * Parks {@code items} times on an engine-named thread beside two spinning threads (so the parked
     * thread waits in the run queue to wake); the closing census is taken while it is still alive.
     */
    private static Window parkWhileCounting(int items) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> hogs = List.of(busy("hog-1", stop), busy("hog-2", stop));
        java.util.concurrent.CountDownLatch parked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch counted = new java.util.concurrent.CountDownLatch(1);
        ThreadCensus before = ThreadCensus.take();
        Thread parker = Thread.ofPlatform().name("poolbench-parker-1").start(() -> {
            for (int i = 0; i < items; i++) {
                LockSupport.parkNanos(50_000);
            }
            parked.countDown();
            try {
                counted.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        parked.await();
        ThreadCensus.Window w = ThreadCensus.take().since(before);
        counted.countDown();
        parker.join();
        stop.set(true);
        for (Thread h : hogs) {
            h.join();
        }
        return new Window(w.engineSwitches(), w.engineRunQueueNanos());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aPlantedStopTheWorldPauseShowsInTheHiccupMeterAndTheGcColumns() throws Exception {
        try (HiccupMeter meter = new HiccupMeter("pb-hiccup-test"); GcPauses pauses = new GcPauses()) {
            Thread.sleep(50);
            meter.interval();
            pauses.take();
            List<Object> live = new ArrayList<>();
            for (int i = 0; i < 4_000_000; i++) {
                live.add(new long[]{i}); // a large live set of small objects: a full GC has to walk it
            }
            System.gc();
            System.gc();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            long count = 0;
            double maxMs = 0;
            while (count == 0 && System.nanoTime() < deadline) { // notifications arrive on another thread
                Thread.sleep(20);
                GcPauses.Window w = pauses.take();
                count += w.count();
                maxMs = Math.max(maxMs, w.maxMs());
            }
            Thread.sleep(20);
            GcPauses.Window rest = pauses.take();
            count += rest.count();
            maxMs = Math.max(maxMs, rest.maxMs());
            Histogram hiccups = meter.interval();
            assertThat(live).hasSize(4_000_000);
            assertThat(count).as("GC pauses seen").isGreaterThanOrEqualTo(1);
            assertThat(maxMs).as("longest pause (ms)").isGreaterThanOrEqualTo(5);
            assertThat(hiccups.getMaxValue() / 1e6).as("hiccup max (ms) vs the longest GC pause (ms)")
                    .isGreaterThanOrEqualTo(maxMs * 0.5);
        }
    }
}
