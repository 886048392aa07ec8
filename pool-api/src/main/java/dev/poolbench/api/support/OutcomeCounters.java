package dev.poolbench.api.support;

import dev.poolbench.api.PatternStats;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The five outcome counters of a running instance. {@link #snapshot} reads the outcomes before
 * {@code accepted}, so a concurrent snapshot never shows a negative in-flight count.
 */
public final class OutcomeCounters {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder outputs = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();

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
