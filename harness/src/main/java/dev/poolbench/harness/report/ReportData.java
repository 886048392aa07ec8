package dev.poolbench.harness.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result folders of one report, read and grouped: workloads in the order they first
 * appear, and per workload its configurations (valid or not). Every engine that appears in any
 * row is listed by {@link #engines()}, so none can silently drop out of the report.
 */
public final class ReportData {

    private final List<ResultFolder> folders = new ArrayList<>();
    private final Map<Workload, Map<Config, ConfigResult>> byWorkload = new LinkedHashMap<>();

    private ReportData() {
    }

    /** Reads every folder; throws IllegalArgumentException naming the file (and line) of bad input. */
    public static ReportData read(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("report: no result folder given");
        }
        ReportData d = new ReportData();
        for (Path dir : dirs) {
            ResultFolder f = ResultFolder.read(dir, d.folders.size());
            d.folders.add(f);
            for (ResultRow r : f.rows()) {
                d.byWorkload.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(r.config(), c -> new ConfigResult(c, f)).add(r);
            }
        }
        return d;
    }

    public List<ResultFolder> folders() {
        return folders;
    }

    /** Whether labels must say which folder a configuration came from. */
    public boolean severalRuns() {
        return folders.size() > 1;
    }

    public Set<Workload> workloads() {
        return byWorkload.keySet();
    }

    /** Every configuration of {@code w}, valid or not, in file order. */
    public Collection<ConfigResult> configs(Workload w) {
        return byWorkload.getOrDefault(w, Map.of()).values();
    }

    /** The valid configurations of {@code w}: the only ones ranked and drawn. */
    public List<ConfigResult> validConfigs(Workload w) {
        return configs(w).stream().filter(ConfigResult::valid).toList();
    }

    public List<ResultRow> allRows() {
        return folders.stream().flatMap(f -> f.rows().stream()).toList();
    }

    public List<ResultRow> invalidRows() {
        return allRows().stream().filter(r -> !r.valid()).toList();
    }

    /** Every engine in the data, in order of first appearance. */
    public List<String> engines() {
        return allRows().stream().map(r -> r.config().engine()).collect(Collectors.toCollection(LinkedHashSet::new))
                .stream().toList();
    }

    public List<JmhResult> jmh() {
        return folders.stream().flatMap(f -> f.jmh().stream()).toList();
    }
}
