package dev.poolbench.harness.measure;

import java.util.List;

/**
 * All that one engine × scenario × parameters produced: the phases it measured, the
 * parallelism and buffer it actually ran at (scenarios may follow the engine's idiom), and an
 * error when the row could not be measured at all (the fork failed or timed out).
 */
public record RowResult(RowSpec spec, String pattern, int parallelism, int buffer, List<PhaseResult> phases,
                        String error) {
}
