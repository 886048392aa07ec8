package dev.poolbench.harness.measure;

import dev.poolbench.api.Input;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer side of a measured pass. Closed loop: each item is submitted as soon as
 * backpressure allows, and its intended start is its submit. Open loop (wrk2-style): each item
 * has an intended start on the arrival schedule; the producer waits for it, and when it is late
 * (blocked by backpressure, or descheduled) it submits at once and the item's latency still
 * counts from the intended start: coordinated omission is not hidden.
 */
final class Producer {

    private Producer() {
    }

    /**
     * Submits {@code items} to {@code in}; {@code arrivals} null means closed loop.
     *
     * @return null, or why the producer stopped early
     */
    static String submitAll(Input<Timed> in, List<?> items, Arrivals arrivals, long start) {
        try {
            for (Object item : items) {
                long intended;
                if (arrivals == null) {
                    intended = System.nanoTime();
                } else {
                    intended = start + arrivals.nextOffsetNanos();
                    waitUntil(intended);
                }
                Timed t = new Timed(item, intended);
                t.submitNanos = System.nanoTime();
                in.submit(t);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "producer interrupted";
        } catch (RuntimeException e) {
            return "submit threw " + e;
        }
    }

    /**
     * Waits for an intended start: parks while far, yields the last stretch. Never spins: on a
     * machine with few cores a spinning producer would take a core from the engine it measures
     * (the closed-loop producer blocks in submit instead, so the two phases would not compare).
     */
    static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (left > 120_000) {
                LockSupport.parkNanos(left - 80_000);
            } else {
                Thread.yield();
            }
        }
    }
}
