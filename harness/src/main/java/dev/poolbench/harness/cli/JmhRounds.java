package dev.poolbench.harness.cli;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code poolbench jmh --rounds N}: the whole selection runs N times, one fork of each benchmark
 * per round, and the rounds' forks are pooled into one result per benchmark. JMH runs all forks
 * of a benchmark back to back, so on a machine whose speed drifts over minutes (a shared VM: here
 * whole runs moved by 30 %) a ratio of two benchmarks compares two different stretches of time;
 * interleaved, every benchmark has a fork in each stretch, and the forks stay the samples.
 */
final class JmhRounds {

    private JmhRounds() {
    }

    /**
     * One result per benchmark and parameter set, in the order they first ran, holding the forks
     * of every round (a benchmark missing from a round, e.g. failed, just has fewer forks).
     */
    static List<RunResult> pool(List<? extends Collection<RunResult>> rounds) {
        Map<String, BenchmarkParams> params = new LinkedHashMap<>();
        Map<String, List<BenchmarkResult>> forks = new LinkedHashMap<>();
        for (Collection<RunResult> round : rounds) {
            for (RunResult r : round) {
                String id = r.getParams().id();
                params.putIfAbsent(id, r.getParams());
                forks.computeIfAbsent(id, k -> new ArrayList<>()).addAll(r.getBenchmarkResults());
            }
        }
        List<RunResult> pooled = new ArrayList<>();
        params.forEach((id, p) -> pooled.add(new RunResult(p, forks.get(id))));
        return pooled;
    }
}
