package dev.poolbench.harness.measure;

import java.util.ArrayList;
import java.util.List;

/** Merges the forks of one row: phases matched by label, iterations and histograms concatenated. */
final class RowMerge {

    private RowMerge() {
    }

    static RowResult merge(List<RowResult> forks) {
        RowResult first = forks.get(0);
        if (forks.size() == 1) {
            return first;
        }
        String error = forks.stream().map(RowResult::error).filter(e -> e != null).findFirst().orElse(null);
        RowResult shape = forks.stream().filter(f -> !f.phases().isEmpty()).findFirst().orElse(first);
        List<PhaseResult> phases = new ArrayList<>();
        for (PhaseResult p : shape.phases()) {
            PhaseResult merged = PhaseResult.empty(p.mode(), p.load(), p.arrivalRate());
            for (RowResult f : forks) {
                for (PhaseResult q : f.phases()) {
                    if (q.label().equals(p.label())) {
                        merged.samples().addAll(q.samples());
                        merged.latencyIntervals().addAll(q.latencyIntervals());
                        merged.serviceIntervals().addAll(q.serviceIntervals());
                    }
                }
            }
            phases.add(merged);
        }
        return new RowResult(first.spec(), shape.pattern(), shape.parallelism(), shape.buffer(), phases, error);
    }
}
