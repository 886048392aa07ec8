package dev.poolbench.kit;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kit's stage functions for one topology, and the probe that watches them. Whether a job is
 * filtered (null), fails (a {@link KitStageException}) or throws an {@link Error} at a stage is
 * a pure function of the seed, the sequence number and the stage, so every engine must give the
 * same outcomes and {@link #expect} can predict them. The probe records, on the worker threads,
 * any job applied twice at one stage, a stage running more often at once than its parallelism,
 * and — under KEYED — two jobs of one key inside a stage at once or out of order.
 */
public final class Workload {

    /** What a stage does to a job. */
    public enum Outcome { PASS, FILTER, FAIL, ERROR }

    /** Extra behaviour before a stage decides: block on a gate, sleep, count. */
    @FunctionalInterface
    public interface Hook {
        void before(int stage, Job job, StageContext ctx) throws Exception;
    }

    private final List<String> names;
    private final int[] limits;
    private final boolean keyed;
    private final WorkerErrors errors;
    private long seed;
    private double filterRate;
    private double failRate;
    private boolean jitter;
    private Hook hook = (s, j, c) -> { };
    private final Map<Integer, Integer> failAt = new HashMap<>();
    private final Map<Integer, Integer> errorAt = new HashMap<>();

    private final ConcurrentHashMap<Long, AtomicInteger> applied = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, AtomicInteger> activeKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Integer> lastSeqOfKey = new ConcurrentHashMap<>();
    private final AtomicInteger[] active;
    private final AtomicLong entries = new AtomicLong();
    private volatile boolean checkKeyOrder = true;

    public Workload(Topology topology, WorkerErrors errors) {
        this.names = topology.stageNames();
        this.limits = new int[names.size()];
        this.active = new AtomicInteger[names.size()];
        for (int i = 0; i < limits.length; i++) {
            limits[i] = topology.concurrencyLimit(i);
            active[i] = new AtomicInteger();
        }
        this.keyed = topology.keyed();
        this.errors = errors;
    }

    /** Filters and fails a pseudo-random share of the jobs at every stage. */
    public Workload rates(long seed, double filterRate, double failRate) {
        this.seed = seed;
        this.filterRate = filterRate;
        this.failRate = failRate;
        return this;
    }

    /** Makes job {@code seq} fail with a {@link KitStageException} at stage {@code stage}. */
    public Workload failAt(int seq, int stage) {
        failAt.put(seq, stage);
        return this;
    }

    /** Makes job {@code seq} throw a {@link KitError} at stage {@code stage}. */
    public Workload errorAt(int seq, int stage) {
        errorAt.put(seq, stage);
        return this;
    }

    public Workload hook(Hook hook) {
        this.hook = hook;
        return this;
    }

    /** Yields now and then inside stages, to vary interleavings. */
    public Workload jitter() {
        this.jitter = true;
        return this;
    }

    /** Turns off the per-key order check (when per-key acceptance order is not sequence order). */
    public Workload noKeyOrderCheck() {
        this.checkKeyOrder = false;
        return this;
    }

    public List<String> stageNames() {
        return names;
    }

    public String stageName(int i) {
        return names.get(i);
    }

    /** Stage entries so far, all stages together. */
    public long entries() {
        return entries.get();
    }

    public Outcome decide(int seq, int stage) {
        Integer e = errorAt.get(seq);
        if (e != null && e == stage) {
            return Outcome.ERROR;
        }
        Integer f = failAt.get(seq);
        if (f != null && f == stage) {
            return Outcome.FAIL;
        }
        if (filterRate == 0 && failRate == 0) {
            return Outcome.PASS;
        }
        double u = uniform(seed, seq, stage);
        if (u < filterRate) {
            return Outcome.FILTER;
        }
        if (u < filterRate + failRate) {
            return Outcome.FAIL;
        }
        return Outcome.PASS;
    }

    private static double uniform(long seed, int seq, int stage) {
        long z = seed * 0x9E3779B97F4A7C15L + seq * 0xBF58476D1CE4E5B9L + stage * 0x94D049BB133111EBL + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** The stage function at index {@code i}. */
    public Stage<Job, Job> stage(int i) {
        return (job, ctx) -> {
            enter(i, job);
            try {
                hook.before(i, job, ctx);
                if (jitter && (job.seq() & 7) == 3) {
                    Thread.yield();
                }
                return switch (decide(job.seq(), i)) {
                    case PASS -> job.next();
                    case FILTER -> null;
                    case FAIL -> throw new KitStageException("kit failure of job " + job.seq() + " at stage " + names.get(i));
                    case ERROR -> throw new KitError("kit error of job " + job.seq() + " at stage " + names.get(i));
                };
            } finally {
                exit(i, job);
            }
        };
    }

    private void enter(int stage, Job job) {
        entries.incrementAndGet();
        errors.check(job.hops() == stage, "stage " + names.get(stage) + " got job " + job.seq() + " after "
                + job.hops() + " stages");
        int twice = applied.computeIfAbsent(((long) job.seq() << 8) | stage, k -> new AtomicInteger()).incrementAndGet();
        errors.check(twice == 1, "job " + job.seq() + " applied " + twice + " times at stage " + names.get(stage));
        int now = active[stage].incrementAndGet();
        errors.check(now <= limits[stage], "stage " + names.get(stage) + " ran " + now
                + " times at once; its parallelism allows " + limits[stage]);
        if (keyed) {
            long k = ((long) job.key() << 8) | stage;
            int same = activeKeys.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
            errors.check(same == 1, "KEYED: two jobs of key " + job.key() + " inside stage " + names.get(stage)
                    + " at once (job " + job.seq() + ")");
            if (checkKeyOrder) {
                Integer before = lastSeqOfKey.put(k, job.seq());
                errors.check(before == null || before < job.seq(), "KEYED: job " + job.seq() + " of key " + job.key()
                        + " entered stage " + names.get(stage) + " after job " + before);
            }
        }
    }

    private void exit(int stage, Job job) {
        active[stage].decrementAndGet();
        if (keyed) {
            activeKeys.get(((long) job.key() << 8) | stage).decrementAndGet();
        }
    }

    /** What running {@code jobs} to completion must give (CONTINUE, nothing cancelled). */
    public Expected expect(List<Job> jobs) {
        List<Job> outputs = new ArrayList<>();
        Map<Integer, String> failures = new HashMap<>();
        int filtered = 0;
        next:
        for (Job j : jobs) {
            Job cur = j;
            for (int s = 0; s < names.size(); s++) {
                switch (decide(j.seq(), s)) {
                    case FILTER -> {
                        filtered++;
                        continue next;
                    }
                    case FAIL, ERROR -> {
                        failures.put(j.seq(), names.get(s));
                        continue next;
                    }
                    case PASS -> cur = cur.next();
                }
            }
            outputs.add(cur);
        }
        return new Expected(outputs, failures, filtered);
    }
}
