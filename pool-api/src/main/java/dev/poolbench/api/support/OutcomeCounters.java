package dev.poolbench.api.support;

import dev.poolbench.api.PatternStats;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The five outcome counters of a running instance. {@link #snapshot} reads the outcomes before
 * {@code accepted}, so a concurrent snapshot never shows a negative in-flight count.
 *
 * <p>Each counter is a {@link Padded} adder: producers count {@code accepted} while a fan-in
 * thread counts {@code outputs}, and plain adders allocated one after another (32 bytes each)
 * put both {@code base} fields on one cache line, which then moved between the two cores on
 * every item although neither CAS ever failed (so the adders never striped).
 */
public final class OutcomeCounters {
    private final LongAdder accepted = new Padded();
    private final LongAdder outputs = new Padded();
    private final LongAdder filtered = new Padded();
    private final LongAdder failed = new Padded();
    private final LongAdder cancelled = new Padded();

    /** A {@code LongAdder} followed by 120 bytes of padding: the next object's fields start a line pair later. */
    @SuppressWarnings({"serial", "unused"})
    private static final class Padded extends LongAdder {
        private long p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15;
    }

    public void accepted() {
        accepted.increment();
    }

    public void output() {
        outputs.increment();
    }

    public void filtered() {
        filtered.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void cancelled() {
        cancelled.increment();
    }

    public void cancelled(long n) {
        cancelled.add(n);
    }

    public long acceptedCount() {
        return accepted.sum();
    }

    /** Items accepted and not yet ended. */
    public long inFlight() {
        long done = outputs.sum() + filtered.sum() + failed.sum() + cancelled.sum();
        return accepted.sum() - done;
    }

    public PatternStats snapshot(List<Integer> effectiveBuffers) {
        long o = outputs.sum();
        long fi = filtered.sum();
        long fa = failed.sum();
        long c = cancelled.sum();
        long a = accepted.sum();
        return new PatternStats(a, o, fi, fa, c, Math.max(0, a - o - fi - fa - c), effectiveBuffers);
    }
}
