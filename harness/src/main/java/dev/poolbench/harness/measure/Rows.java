package dev.poolbench.harness.measure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Running rows from the command line: in this JVM (the {@code --quick} mode), merging forks, one-line reports. */
public final class Rows {
    private static final Map<String, Inputs> IN_PROCESS_INPUTS = new HashMap<>();

    private Rows() {
    }

    /**
     * Measures a row in this JVM. Inputs (the FIB, generated lines) are shared between rows of the
     * same seed and route file, as a fork would build them identically.
     */
    public static RowResult measureInProcess(RowSpec spec, int fork) {
        Inputs inputs = IN_PROCESS_INPUTS.computeIfAbsent(spec.seed() + "|" + Objects.toString(spec.routesFile()),
                k -> new Inputs(spec.seed(), spec.routesFile()));
        try {
            return new RowRunner(spec, inputs, fork).run();
        } catch (RuntimeException | Error e) {
            return new RowResult(spec, "", spec.parallelism(), spec.buffer(), List.of(), "row failed: " + e, List.of());
        }
    }

    public static RowResult merge(List<RowResult> forks) {
        return RowMerge.merge(forks);
    }

    /** {@code engine scenario profile p=… b=…: 123,456 items/s, p99 … us [INVALID: …]} */
    public static String oneLine(RowResult r) {
        RowSpec s = r.spec();
        StringBuilder b = new StringBuilder(s.engine()).append(' ').append(s.scenario()).append(' ')
                .append(s.profile()).append(" p=").append(r.parallelism()).append(" b=").append(r.buffer());
        if (!s.engineOptionsKey().isEmpty()) {
            b.append(' ').append(s.engineOptionsKey());
        }
        b.append(':');
        if (r.error() != null) {
            return b.append(" INVALID: ").append(r.error()).toString();
        }
        for (PhaseResult ph : r.phases()) {
            SummaryRow row = SummaryRow.of(r, ph);
            b.append(' ').append(ph.label()).append(' ');
            if (ph.mode().equals("throughput")) {
                b.append(RankedTables.fmt(row.throughput())).append(" items/s;");
            } else {
                b.append("p99 ").append(RankedTables.fmt(row.p99Us())).append(" us;");
            }
            if (!row.valid()) {
                b.append(" INVALID: ").append(row.invalidReason()).append(';');
            }
        }
        return b.toString();
    }
}
