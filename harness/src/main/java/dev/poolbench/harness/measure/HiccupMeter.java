package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * jHiccup's method: a platform thread sleeps 1 ms again and again and records how late it woke,
 * with {@link Recorder#recordValueWithExpectedInterval} so that one long stall also fills in the
 * wake-ups it swallowed. Whatever stalls it — GC and safepoint pauses, the host descheduling
 * the process, other threads of the process on too few cores — stalls every thread of the
 * process, the engine's included. Run beside every measured pass in the fork ({@code
 * pb-hiccup}), and as a control meter in the idle parent ({@code pb-hiccup-control}): a stall
 * seen by both is the host's; one seen only inside the fork is the fork's own.
 */
final class HiccupMeter implements AutoCloseable {
    static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Recorder recorder = new Recorder(LatencyRecorder.HIGHEST_NANOS, 3);
    private final Thread thread;
    private volatile boolean running = true;

    HiccupMeter(String name) {
        thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
    }

    private void loop() {
        while (running) {
            long before = System.nanoTime();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            long late = System.nanoTime() - before - RESOLUTION_NANOS;
            recorder.recordValueWithExpectedInterval(Math.min(LatencyRecorder.HIGHEST_NANOS, Math.max(0, late)),
                    RESOLUTION_NANOS);
        }
    }

    /** Everything recorded since the previous call (the first call: since the start). */
    Histogram interval() {
        return recorder.getIntervalHistogram();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
