package dev.poolbench.harness.cli;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.WorkloadParams;

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
     * of every round (a benchmark missing from a round, e.g. failed, just has fewer forks); its
     * parameters say how many forks it pooled, so the result file's {@code forks} matches its
     * {@code rawData} rows.
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
        params.forEach((id, p) -> pooled.add(new RunResult(withForks(p, forks.get(id).size()), forks.get(id))));
        return pooled;
    }

    /** {@code p} with {@code forks} forks, everything else as it ran. */
    static BenchmarkParams withForks(BenchmarkParams p, int forks) {
        WorkloadParams workload = new WorkloadParams();
        int order = 0;
        for (String key : p.getParamsKeys()) {
            workload.put(key, p.getParam(key), order++);
        }
        return new BenchmarkParams(p.getBenchmark(), p.generatedBenchmark(), p.shouldSynchIterations(),
                p.getThreads(), p.getThreadGroups(), p.getThreadGroupLabels(), forks, p.getWarmupForks(),
                p.getWarmup(), p.getMeasurement(), p.getMode(), workload, p.getTimeUnit(), p.getOpsPerInvocation(),
                p.getJvm(), p.getJvmArgs(), p.getJdkVersion(), p.getVmName(), p.getVmVersion(), p.getJmhVersion(),
                p.getTimeout());
    }
}
