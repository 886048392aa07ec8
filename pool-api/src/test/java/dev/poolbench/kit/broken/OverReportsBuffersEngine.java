package dev.poolbench.kit.broken;

import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;

/**
 * Planted bug: {@code stats()} reports every effective buffer eight times too large, which
 * loosens any bound derived from the engine's own report.
 */
final class OverReportsBuffersEngine extends ForwardingEngine {
    @Override
    protected <I> Running<I> running(Running<I> r) {
        return new ForwardingRunning<>(r) {
            @Override
            public PatternStats stats() {
                PatternStats s = delegate.stats();
                return new PatternStats(s.accepted(), s.outputs(), s.filtered(), s.failed(), s.cancelled(),
                        s.inFlight(), s.effectiveBuffers().stream().map(b -> b * 8).toList());
            }
        };
    }
}
