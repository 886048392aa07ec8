package dev.poolbench.harness.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the summary lines of a run and fills in the comparison with {@code sequential}: speedup
 * = this throughput / sequential's on the same scenario, profile and phase; parallel efficiency
 * = speedup / min(parallelism, cores), 1.0 being a perfect use of every core it could use.
 */
public final class Summaries {

    private Summaries() {
    }

    public static List<SummaryRow> of(List<RowResult> rows) {
        List<SummaryRow> out = new ArrayList<>();
        for (RowResult row : rows) {
            if (row.phases().isEmpty()) {
                out.add(SummaryRow.failed(row));
            }
            for (PhaseResult ph : row.phases()) {
                out.add(SummaryRow.of(row, ph));
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        List<SummaryRow> withEfficiency = new ArrayList<>();
        for (SummaryRow s : out) {
            SummaryRow seq = out.stream().filter(x -> x.engine().equals("sequential") && x.valid()
                    && x.scenario().equals(s.scenario()) && x.profile().equals(s.profile())
                    && x.mode().equals("throughput") && s.mode().equals("throughput")).findFirst().orElse(null);
            if (seq != null && seq.throughput() > 0 && s.valid()) {
                double speedup = s.throughput() / seq.throughput();
                withEfficiency.add(s.withEfficiency(speedup, speedup / Math.max(1, Math.min(s.parallelism(), cores))));
            } else {
                withEfficiency.add(s);
            }
        }
        return withEfficiency;
    }
}
