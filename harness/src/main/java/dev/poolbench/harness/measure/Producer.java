package dev.poolbench.harness.measure;

import dev.poolbench.api.Input;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator of a measured pass, one per producer thread. Two loops:
 * <ul>
 * <li><b>closed</b>: submit as fast as backpressure allows until the deadline, then on to the
 *     next multiple of {@code step} items (so passes of one phase stop at a few shared prefixes
 *     and the oracle's expected outcome for a prefix is computed once); each item's intended
 *     start is its submit.</li>
 * <li><b>open</b> (wrk2's way): items on an arrival schedule fixed before the pass. The generator
 *     never spins or yield-loops, which on 2 cores would take a core from the engine: it parks
 *     until the next due time and then submits every item already due. A late item still
 *     counts from its intended start (no coordinated omission).</li>
 * </ul>
 * In the open loop two waits are recorded apart, per item: the <b>admission wait</b> (time
 * inside {@code submit}: the engine's backpressure, or a caller-runs engine's work) and the
 * <b>generator lag</b>, the generator's own lateness: how much later than an ideal generator it
 * submitted. The ideal one wakes exactly on time and costs nothing between submits; when a
 * submit held it up (longer than {@link #HELD_NANOS}) it is free again exactly when the real one
 * was (the engine released both at once), else it is free as long after its own previous submit
 * began as the real one's took. So lateness from waking late carries through the burst that
 * follows, and lateness from backpressure is never called lag.
 */
final class Producer {
    /** A submit longer than this held the generator up (blocked, or ran the item): 20 µs. */
    static final long HELD_NANOS = 20_000;

    /** What one producer did. */
    static final class Report {
        /** Items submitted (the prefix of the producer's list the oracle checks). */
        long submitted;
        /** Open loop: items whose intended start fell inside the window. */
        long scheduled;
        String error;
        final Histogram lag = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
        final Histogram admission = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
    }

    private Producer() {
    }

    /** Closed loop until {@code deadline}, stopping at a multiple of {@code step} items (or the list's end). */
    static Report closedLoop(Input<Timed> in, List<?> items, long deadline, int step) {
        Report r = new Report();
        int n = items.size();
        int k = 0;
        try {
            for (; k < n; k++) {
                long now = System.nanoTime();
                if (k % step == 0 && now - deadline >= 0) {
                    break;
                }
                Timed t = new Timed(items.get(k), now);
                t.submitNanos = now;
                in.submit(t);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.error = "producer interrupted";
        } catch (RuntimeException e) {
            r.error = "submit threw " + e;
        }
        r.submitted = k;
        return r;
    }

    /**
     * Open loop: item k is due at {@code start + arrivals.nextOffsetNanos()}; items due before
     * {@code windowEnd} are submitted, until {@code giveUp} (a generator that far behind has
     * shown the engine saturated; the rest count as not completed).
     */
    static Report openLoop(Input<Timed> in, List<?> items, Arrivals arrivals, long start, long windowEnd,
                           long giveUp) {
        Report r = new Report();
        int k = 0;
        try {
            long freeAt = Long.MIN_VALUE; // when an ideal generator would be free for the next item
            long now = System.nanoTime();
            for (; k < items.size(); k++) {
                long intended = start + arrivals.nextOffsetNanos();
                if (intended - windowEnd >= 0) {
                    break;
                }
                r.scheduled++;
                if (intended - now > 0) {
                    now = parkUntil(intended);
                }
                if (now - giveUp >= 0) {
                    break;
                }
                long free = Math.max(intended, freeAt);
                Timed t = new Timed(items.get(k), intended);
                long submit = System.nanoTime();
                t.submitNanos = submit;
                in.submit(t);
                now = System.nanoTime();
                long admission = now - submit;
                freeAt = admission > HELD_NANOS ? now : free + admission;
                r.lag.recordValue(clamp(submit - free));
                r.admission.recordValue(clamp(admission));
            }
            // the rest of the window's schedule, never submitted: the engine fell that far behind
            for (int j = k + 1; j < items.size() && start + arrivals.nextOffsetNanos() - windowEnd < 0; j++) {
                r.scheduled++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r.error = "producer interrupted";
        } catch (RuntimeException e) {
            r.error = "submit threw " + e;
        }
        r.submitted = k;
        return r;
    }

    /** Parks (no spin, no yield loop) until {@code deadline}; returns the time it woke. */
    static long parkUntil(long deadline) {
        long now;
        while ((now = System.nanoTime()) - deadline < 0) {
            LockSupport.parkNanos(deadline - now);
        }
        return now;
    }

    private static long clamp(long nanos) {
        return Math.min(LatencyRecorder.HIGHEST_NANOS, Math.max(0, nanos));
    }
}
