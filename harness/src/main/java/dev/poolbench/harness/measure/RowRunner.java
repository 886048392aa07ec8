package dev.poolbench.harness.measure;

import dev.poolbench.api.Engine;
import dev.poolbench.api.Engines;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.MergeInput;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.support.TrackingThreadFactory;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.RouteLine;
import dev.poolbench.harness.workload.RouteWorkload;
import dev.poolbench.harness.workload.RunOutcome;
import dev.poolbench.harness.workload.WorkloadRunner;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures one row in the current JVM: warm-up passes (which also calibrate how many items a
 * pass of {@code duration} takes), then closed-loop throughput iterations, then open-loop
 * latency iterations at each load point. Every measured pass is checked against the
 * {@code sequential} oracle on the very same input, and for leaked threads; a pass that fails
 * either is recorded invalid with its reason.
 */
public final class RowRunner {
    /** Cancellations per iteration of the cancellation scenario: one per 50 ms of duration, 2 to 8. */
    private int cancelsPerIteration() {
        return (int) Math.max(2, Math.min(8, spec.duration().toMillis() / 50));
    }
    private static final int MIN_ITEMS = 200;
    private static final Duration LIVENESS = Duration.ofSeconds(30);

    private final RowSpec spec;
    private final Scenario scenario;
    private final Engine engine;
    private final Profile profile;
    private final Inputs inputs;
    private final int fork;
    private final int parallelism;
    private final int buffer;
    private final Map<List<List<RouteLine>>, RunOutcome> oracles = new IdentityHashMap<>();

    RowRunner(RowSpec spec, Inputs inputs, int fork) {
        this.spec = spec;
        this.scenario = Scenarios.byName(spec.scenario());
        this.engine = Engines.byName(spec.engine());
        this.profile = Profile.parse(spec.profile());
        this.inputs = inputs;
        this.fork = fork;
        this.parallelism = scenario.parallelism(engine.name(), spec);
        this.buffer = scenario.buffer(engine.name(), spec);
    }

    /** Measures the row; never throws for a failing engine (the row is then invalid). */
    public static RowResult measure(RowSpec spec, int fork) {
        return new RowRunner(spec, new Inputs(spec.seed(), spec.routesFile()), fork).run();
    }

    RowResult run() {
        List<PhaseResult> phases = new ArrayList<>();
        if (scenario.kind() == Scenario.Kind.CANCELLATION) {
            phases.add(cancellationPhase());
        } else {
            double rate = calibrate();
            int n = items(rate);
            PhaseResult throughput = PhaseResult.empty("throughput", Double.NaN, 0);
            List<List<RouteLine>> lines = inputs.lines(profile, n, scenario.producers());
            for (int i = 0; i < spec.iterations(); i++) {
                pass(lines, 0, throughput, i);
            }
            phases.add(throughput);
            double saturation = median(throughput.samples().stream().mapToDouble(IterationSample::throughput)
                    .toArray());
            List<Double> rates = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            if (spec.arrivalRate() > 0) {
                rates.add(spec.arrivalRate());
                loads.add(Double.NaN);
            } else {
                for (double load : spec.loads()) {
                    rates.add(load * saturation);
                    loads.add(load);
                }
            }
            for (int j = 0; j < rates.size(); j++) {
                double r = rates.get(j);
                if (!(r > 0)) {
                    continue;
                }
                PhaseResult latency = PhaseResult.empty("latency", loads.get(j), r);
                List<List<RouteLine>> open = inputs.lines(profile, items(r), scenario.producers());
                for (int i = 0; i < spec.iterations(); i++) {
                    pass(open, r, latency, i);
                }
                phases.add(latency);
            }
        }
        return new RowResult(spec, scenario.pattern().shortName(), parallelism, buffer, phases, null);
    }

    /** Warm-up passes bounded by time, cycling the input; returns the last pass's items/s. */
    private double calibrate() {
        List<List<RouteLine>> lines = inputs.lines(profile, Math.min(scenario.maxItems(), 100_000),
                scenario.producers());
        double rate = 0;
        for (int w = 0; w < Math.max(1, spec.warmups()); w++) {
            rate = timeBoundedPass(lines);
        }
        return rate;
    }

    private int items(double ratePerSecond) {
        double n = ratePerSecond * spec.duration().toNanos() / 1e9;
        return (int) Math.max(MIN_ITEMS, Math.min(scenario.maxItems(), n));
    }

    // ---- one measured pass ---------------------------------------------------------------------

    /** One pass over {@code lines}: closed loop when {@code arrivalRate} is 0, else open loop. */
    private void pass(List<List<RouteLine>> lines, double arrivalRate, PhaseResult into, int iteration) {
        RunOutcome expected = oracle(lines);
        RouteWorkload workload = profile.instantiate(inputs.fib());
        LatencyRecorder recorder = new LatencyRecorder();
        TrackingThreadFactory threads = tracker();
        PatternOptions options = options(workload, threads);
        CostMeter meter = new CostMeter();
        String error = null;
        PatternStats stats = null;
        long start = System.nanoTime();
        long end = start;
        meter.start();
        try {
            Scenario.Started started = scenario.start(engine, workload, parallelism, buffer, options, recorder);
            start = System.nanoTime();
            error = produce(started.inputs(), lines, arrivalRate, start);
            try {
                started.lifecycle().close();
            } catch (RuntimeException | Error e) {
                error = error != null ? error : "close threw " + e;
            }
            end = System.nanoTime();
            stats = started.lifecycle().stats();
        } catch (RuntimeException | Error e) {
            error = error != null ? error : "threw " + e;
            end = System.nanoTime();
        }
        CostMeter.Costs costs = meter.stop();
        String reason = error;
        long accepted = stats == null ? 0 : stats.accepted();
        if (reason == null) {
            RunOutcome outcome = new RunOutcome(stats.accepted(), stats.outputs(), stats.filtered(), stats.failed(),
                    stats.cancelled(), workload.digest(), workload.ribSize(), 0, null);
            reason = outcome.differenceFrom(expected, scenario.check());
            if (reason == null && (recorder.outputs != stats.outputs() || recorder.failures != stats.failed())) {
                reason = "sink saw outputs=" + recorder.outputs + " failures=" + recorder.failures + " but stats say "
                        + stats;
            }
        }
        if (reason == null) {
            reason = leaks(threads);
        }
        into.add(sample(iteration, accepted, end - start, recorder.latency, costs, threads, reason),
                recorder.latency, recorder.service);
    }

    /** Submits every producer's lines (one thread each), closing merge inputs as they finish. */
    private String produce(List<? extends Input<Timed>> ins, List<List<RouteLine>> lines, double arrivalRate,
                           long start) {
        if (ins.size() == 1) {
            return submitAll(ins.get(0), lines.get(0), arrivalRate, start);
        }
        AtomicReference<String> error = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            Input<Timed> in = ins.get(i);
            List<RouteLine> mine = lines.get(i);
            double rate = arrivalRate / ins.size();
            producers.add(Thread.ofPlatform().name("poolbench-producer-" + i).start(() -> {
                String e = submitAll(in, mine, rate, start);
                if (e != null) {
                    error.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : producers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while the producers ran";
            }
        }
        return error.get();
    }

    private String submitAll(Input<Timed> in, List<RouteLine> lines, double arrivalRate, long start) {
        Arrivals arrivals = arrivalRate > 0 ? new Arrivals(spec.poisson() ? Arrivals.Kind.POISSON
                : Arrivals.Kind.CONSTANT, arrivalRate, spec.seed() ^ in.hashCode()) : null;
        try {
            return Producer.submitAll(in, lines, arrivals, start);
        } finally {
            if (in instanceof MergeInput<Timed> m) {
                m.close();
            }
        }
    }

    /** A warm-up pass: submits for {@code duration} (cycling the input), closes, returns items/s. */
    private double timeBoundedPass(List<List<RouteLine>> lines) {
        RouteWorkload workload = profile.instantiate(inputs.fib());
        LatencyRecorder recorder = new LatencyRecorder();
        TrackingThreadFactory threads = tracker();
        Scenario.Started started = scenario.start(engine, workload, parallelism, buffer,
                options(workload, threads), recorder);
        long start = System.nanoTime();
        long due = start + spec.duration().toNanos();
        List<? extends Input<Timed>> ins = started.inputs();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            Input<Timed> in = ins.get(i);
            List<RouteLine> mine = lines.get(i);
            producers.add(Thread.ofPlatform().name("poolbench-warmup-" + i).start(() -> {
                try {
                    for (int k = 0; System.nanoTime() < due && !mine.isEmpty(); k++) {
                        Timed t = new Timed(mine.get(k % mine.size()), System.nanoTime());
                        t.submitNanos = t.intendedNanos;
                        in.submit(t);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (in instanceof MergeInput<Timed> m) {
                        m.close();
                    }
                }
            }));
        }
        for (Thread t : producers) {
            joinQuietly(t);
        }
        started.lifecycle().close();
        long elapsed = System.nanoTime() - start;
        if (failure.get() != null) {
            throw failure.get();
        }
        return started.lifecycle().stats().accepted() / (elapsed / 1e9);
    }

    // ---- the cancellation scenario ---------------------------------------------------------------

    private PhaseResult cancellationPhase() {
        PhaseResult phase = PhaseResult.empty("cancel", Double.NaN, 0);
        List<List<RouteLine>> lines = inputs.lines(profile, Math.max(10_000, 4 * (parallelism + buffer)), 1);
        for (int w = 0; w < spec.warmups(); w++) {
            cancelOnce(lines.get(0), new Histogram(LatencyRecorder.HIGHEST_NANOS, 3));
        }
        for (int i = 0; i < spec.iterations(); i++) {
            Histogram h = new Histogram(LatencyRecorder.HIGHEST_NANOS, 3);
            CostMeter meter = new CostMeter();
            meter.start();
            long start = System.nanoTime();
            String reason = null;
            int peak = 0;
            long items = 0;
            int cancels = cancelsPerIteration();
            for (int c = 0; c < cancels; c++) {
                CancelPass p = cancelOnce(lines.get(0), h);
                reason = reason != null ? reason : p.reason;
                peak = Math.max(peak, p.peakThreads);
                items += p.accepted;
            }
            long elapsed = System.nanoTime() - start;
            CostMeter.Costs costs = meter.stop();
            IterationSample s = new IterationSample(fork, i, items, elapsed, cancels / (elapsed / 1e9),
                    us(h.getValueAtPercentile(50)), us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)),
                    us(h.getMaxValue()), perItem(costs.cpuNanos(), items), perItem(costs.allocatedBytes(), items), peak,
                    costs.peakHeapBytes(), reason == null, reason == null ? "" : reason);
            phase.add(s, h, h);
        }
        return phase;
    }

    private record CancelPass(String reason, int peakThreads, long accepted) {
    }

    /** Fills the instance, cancels it, records the time until its last thread is gone. */
    private CancelPass cancelOnce(List<RouteLine> lines, Histogram into) {
        RouteWorkload workload = profile.instantiate(inputs.fib());
        LatencyRecorder recorder = new LatencyRecorder();
        TrackingThreadFactory threads = tracker();
        Scenario.Started started = scenario.start(engine, workload, parallelism, buffer,
                options(workload, threads), recorder);
        Input<Timed> in = started.inputs().get(0);
        Lifecycle life = started.lifecycle();
        Thread producer = Thread.ofPlatform().name("poolbench-producer-cancel").start(() -> {
            try {
                for (int k = 0; ; k++) {
                    Timed t = new Timed(lines.get(k % lines.size()), System.nanoTime());
                    t.submitNanos = t.intendedNanos;
                    in.submit(t);
                }
            } catch (IllegalStateException | InterruptedException expected) {
                // CancellationException (an IllegalStateException): the cancel reached the blocked producer
            }
        });
        long bound = (long) parallelism + buffer;
        long fillDue = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(300), spec.duration().toNanos());
        long lastAccepted = -1;
        int still = 0;
        while (System.nanoTime() < fillDue) {
            PatternStats s = life.stats();
            if (s.inFlight() >= bound) {
                break;
            }
            still = s.accepted() == lastAccepted && s.inFlight() > 0 ? still + 1 : 0;
            if (still >= 4) {
                break; // submit is blocked: the instance is as full as it gets
            }
            lastAccepted = s.accepted();
            sleepMillis(5);
        }
        long t0 = System.nanoTime();
        life.cancel();
        String reason = null;
        try {
            if (!life.awaitTermination(LIVENESS.toSeconds(), TimeUnit.SECONDS)) {
                reason = "did not terminate within " + LIVENESS.toSeconds() + " s of cancel";
            } else if (!threads.awaitAllTerminated(LIVENESS)) {
                reason = "engine threads alive " + LIVENESS.toSeconds() + " s after cancel";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "interrupted";
        }
        long t = System.nanoTime() - t0;
        into.recordValue(Math.min(LatencyRecorder.HIGHEST_NANOS, t));
        joinQuietly(producer);
        PatternStats s = life.stats();
        if (reason == null && (s.inFlight() != 0 || s.accepted() != s.completed())) {
            reason = "after cancel: " + s + " (exactly-once broken)";
        }
        return new CancelPass(reason, threads.peakLive(), s.accepted());
    }

    // ---- helpers -------------------------------------------------------------------------------

    private RunOutcome oracle(List<List<RouteLine>> lines) {
        return oracles.computeIfAbsent(lines, l -> {
            Profile oracleProfile = profile.params().containsKey("delayMs") ? profile.with("delayMs", "0") : profile;
            RunOutcome o = WorkloadRunner.run(Engines.byName("sequential"), oracleProfile.instantiate(inputs.fib()),
                    scenario.oracleShape(), scenario.order(), l, 1, 64, LIVENESS.multipliedBy(4));
            if (o.error() != null) {
                throw new IllegalStateException("the sequential oracle failed: " + o.error());
            }
            return o;
        });
    }

    private PatternOptions options(RouteWorkload workload, TrackingThreadFactory threads) {
        return PatternOptions.builder()
                .ordering(scenario.ordering(workload))
                .errors(ErrorPolicy.CONTINUE)
                .rateLimit(scenario.rateLimit(spec))
                .threadFactory(threads)
                .engineOptions(spec.engineOptions())
                .singleProducer(scenario.producers() == 1)
                .deadline(LIVENESS.multipliedBy(4).plus(spec.duration().multipliedBy(20)))
                .build();
    }

    private TrackingThreadFactory tracker() {
        return new TrackingThreadFactory(engine.defaultThreadFactory(scenario.pattern()),
                "poolbench-" + engine.name() + "-" + scenario.pattern().shortName() + "-");
    }

    private static String leaks(TrackingThreadFactory threads) {
        List<Thread> alive = threads.alive();
        return alive.isEmpty() ? null : alive.size() + " engine thread(s) alive after close, e.g. " + alive.get(0);
    }

    private IterationSample sample(int iteration, long items, long elapsed, Histogram latency, CostMeter.Costs costs,
                                   TrackingThreadFactory threads, String reason) {
        return new IterationSample(fork, iteration, items, elapsed, items / Math.max(1e-9, elapsed / 1e9),
                us(latency.getValueAtPercentile(50)), us(latency.getValueAtPercentile(99)),
                us(latency.getValueAtPercentile(99.9)), us(latency.getMaxValue()), perItem(costs.cpuNanos(), items),
                perItem(costs.allocatedBytes(), items), threads.peakLive(), costs.peakHeapBytes(), reason == null,
                reason == null ? "" : reason);
    }

    static double us(long nanos) {
        return nanos / 1000.0;
    }

    private static double perItem(long total, long items) {
        return total < 0 || items == 0 ? -1 : (double) total / items;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(LIVENESS.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
