package dev.poolbench.harness.measure;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the forks of one row: phases matched by label (a throughput-only fork adds to the
 * throughput phase only), passes and histograms concatenated, control-meter histograms kept
 * one per fork.
 */
final class RowMerge {

    private RowMerge() {
    }

    static RowResult merge(List<RowResult> forks) {
        RowResult first = forks.get(0);
        if (forks.size() == 1) {
            return first;
        }
        String error = forks.stream().map(RowResult::error).filter(e -> e != null).findFirst().orElse(null);
        RowResult shape = forks.stream().max(Comparator.comparingInt(f -> f.phases().size())).orElse(first);
        List<PhaseResult> phases = new ArrayList<>();
        for (PhaseResult p : shape.phases()) {
            PhaseResult merged = PhaseResult.empty(p.mode(), p.load(), p.arrivalRate());
            for (RowResult f : forks) {
                for (PhaseResult q : f.phases()) {
                    if (q.label().equals(p.label())) {
                        merged.addAll(q);
                    }
                }
            }
            phases.add(merged);
        }
        List<Histogram> control = new ArrayList<>();
        forks.forEach(f -> control.addAll(f.controlHiccups()));
        RowSpec spec = shape.spec();
        return new RowResult(spec, shape.pattern(), shape.parallelism(), shape.buffer(), phases, error, control);
    }
}
