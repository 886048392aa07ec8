package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * All that one engine × scenario × parameters produced: the phases it measured, the
 * parallelism and buffer it actually ran at (scenarios may follow the engine's idiom), an error
 * when the row could not be measured at all (the fork failed or timed out), and the control
 * hiccup meter's histogram of the idle parent process while each fork ran (tagged with the fork
 * number; empty when measured in-process).
 */
public record RowResult(RowSpec spec, String pattern, int parallelism, int buffer, List<PhaseResult> phases,
                        String error, List<Histogram> controlHiccups) {

    public RowResult {
        controlHiccups = List.copyOf(controlHiccups);
    }

    /** This result with the parent's control-meter histogram of its fork attached. */
    RowResult withControlHiccups(List<Histogram> control) {
        return new RowResult(spec, pattern, parallelism, buffer, phases, error, control);
    }
}
