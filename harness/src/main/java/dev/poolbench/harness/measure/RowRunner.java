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
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Measures one row in the current JVM (one fork): warm-up passes (which also size the input
 * lists), then time-bounded closed-loop throughput passes, then open-loop latency passes at each
 * absolute rate the row was given. Every pass has a steady-state window: throughput, CPU per
 * thread group, allocation and GC pauses are counted inside it; start-up and the close drain are
 * timed apart. A hiccup meter runs beside every pass. Every pass is checked, outside the timer,
 * against the {@code sequential} oracle on the prefix of the input it actually submitted, and
 * for leaked threads; a pass that fails either is recorded invalid with its reason.
 */
public final class RowRunner {
    private static final int MIN_ITEMS = 200;
    private static final Duration LIVENESS = Duration.ofSeconds(30);
    /** Closed-loop passes stop at a multiple of about 1/STEPS of a pass, so the oracle's prefixes repeat. */
    private static final int STEPS = 32;
    /** Compiler threads' share of a warm-up pass below which the JIT counts as settled. */
    static final double JIT_SETTLED_SHARE = 0.05;

    private final RowSpec spec;
    private final Scenario scenario;
    private final Engine engine;
    private final Profile profile;
    private final Inputs inputs;
    private final int fork;
    private final int parallelism;
    private final int buffer;
    private final Map<List<List<RouteLine>>, Map<String, RunOutcome>> oracles = new IdentityHashMap<>();
    private HiccupMeter hiccups;
    private int warmupPasses;
    private GcPauses gc;

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
        try (HiccupMeter meter = new HiccupMeter("pb-hiccup"); GcPauses pauses = new GcPauses()) {
            hiccups = meter;
            gc = pauses;
            if (scenario.kind() == Scenario.Kind.CANCELLATION) {
                phases.add(cancellationPhase());
            } else {
                double rate = calibrate();
                PhaseResult throughput = PhaseResult.empty("throughput", Double.NaN, 0);
                // the closed loop cycles through the list, so a pass never runs out of input however fast
                // the engine turned out to be; the oracle checks the cycled prefix that was submitted
                List<List<RouteLine>> lines = calibrationLines().stream().map(RowRunner::cycled).toList();
                for (int i = 0; i < spec.iterations(); i++) {
                    closedPass(lines, rate, throughput, i);
                }
                phases.add(throughput);
                List<Double> rates = spec.latencyRates();
                for (int j = 0; j < rates.size(); j++) {
                    double r = rates.get(j);
                    double load = spec.arrivalRate() > 0 || j >= spec.loads().size() ? Double.NaN : spec.loads().get(j);
                    PhaseResult latency = PhaseResult.empty("latency", load, r);
                    List<List<RouteLine>> open = inputs.lines(profile, items(r * 1.05) + 64, scenario.producers());
                    for (int i = 0; i < spec.iterations(); i++) {
                        openPass(open, r, latency, i);
                    }
                    phases.add(latency);
                }
            }
        }
        return new RowResult(spec, scenario.pattern().shortName(), parallelism, buffer, phases, null, List.of());
    }

    /**
     * Warm-up passes, cycling the input, until the JIT has settled: at least {@code --warmups},
     * then more while the compiler threads took over {@value #JIT_SETTLED_SHARE} of the last
     * pass's wall time (a fork measured mid-compilation compares C2's unfinished code, and C1-only
     * code can look faster), for at most {@link RowSpec#maxWarmup()}. Returns the last pass's items/s.
     */
    private double calibrate() {
        ThreadCensus.take(); // loads and compiles the census code before a window depends on its speed
        List<List<RouteLine>> lines = calibrationLines();
        double rate = 0;
        long start = System.nanoTime();
        for (int w = 1; ; w++) {
            ThreadCensus before = ThreadCensus.take();
            long t0 = System.nanoTime();
            rate = warmupPass(lines);
            long pass = System.nanoTime() - t0;
            long jit = ThreadCensus.take().since(before).group(CpuGroup.JIT);
            warmupPasses = w;
            boolean settled = jit < 0 || jit < JIT_SETTLED_SHARE * pass;
            if (w >= Math.max(1, spec.warmups()) && (settled || System.nanoTime() - start > spec.maxWarmup().toNanos())) {
                return rate;
            }
        }
    }

    private List<List<RouteLine>> calibrationLines() {
        return inputs.lines(profile, Math.min(scenario.maxItems(), 100_000), scenario.producers());
    }

    private int items(double ratePerSecond) {
        double n = ratePerSecond * spec.duration().toNanos() / 1e9;
        return (int) Math.max(MIN_ITEMS, Math.min(scenario.maxItems(), n));
    }

    // ---- measured passes -----------------------------------------------------------------------

    /** A closed-loop pass: the window opens after a ramp of a tenth of the duration and lasts the duration. */
    private void closedPass(List<List<RouteLine>> lines, double calibratedRate, PhaseResult into, int iteration) {
        long duration = spec.duration().toNanos();
        measuredPass(lines, into, iteration, (start) -> {
            long windowStart = start + duration / 10;
            long windowEnd = windowStart + duration;
            List<Function<Input<Timed>, Producer.Report>> producers = new ArrayList<>();
            // stop on a grid of about 1/STEPS of a pass's items, so passes share prefixes (the oracle's cache)
            int step = (int) Math.max(1, Math.min(4096, calibratedRate * duration / 1e9 / lines.size() / STEPS));
            for (List<RouteLine> mine : lines) {
                producers.add(in -> Producer.closedLoop(in, mine, windowEnd, step));
            }
            return new Schedule(windowStart, windowEnd, windowEnd, producers);
        });
    }

    /**
     * An open-loop pass at {@code rate} items/s (split evenly over the producers, whose schedules
     * are staggered): the window is the schedule's duration; the drain allowance after it decides
     * saturation.
     */
    private void openPass(List<List<RouteLine>> lines, double rate, PhaseResult into, int iteration) {
        long duration = spec.duration().toNanos();
        long allowance = Math.max(TimeUnit.MILLISECONDS.toNanos(50), duration / 5);
        measuredPass(lines, into, iteration, (start) -> {
            long windowEnd = start + duration;
            List<Function<Input<Timed>, Producer.Report>> producers = new ArrayList<>();
            int m = lines.size();
            double each = rate / m;
            for (int i = 0; i < m; i++) {
                List<RouteLine> mine = lines.get(i);
                Arrivals arrivals = new Arrivals(spec.poisson() ? Arrivals.Kind.POISSON : Arrivals.Kind.CONSTANT,
                        each, spec.seed() * 31 + i, i * (1e9 / each) / m);
                producers.add(in -> Producer.openLoop(in, mine, arrivals, start, windowEnd, windowEnd + allowance));
            }
            return new Schedule(start, windowEnd, windowEnd + allowance, producers);
        });
    }

    /**
     * When a pass's window opens and closes, when its completions stop counting (open loop: the
     * drain allowance), and one generator per producer.
     */
    private record Schedule(long windowStart, long windowEnd, long countUntil,
                            List<Function<Input<Timed>, Producer.Report>> producers) {
    }

    private void measuredPass(List<List<RouteLine>> lines, PhaseResult into, int iteration,
                              Function<Long, Schedule> plan) {
        RouteWorkload workload = profile.instantiate(inputs.fib());
        LatencyRecorder recorder = new LatencyRecorder();
        TrackingThreadFactory threads = tracker();
        PassMeasures m = new PassMeasures();
        PatternStats stats = null;
        String error = null;
        Producer.Report[] reports = new Producer.Report[lines.size()];
        CostMeter.resetPeakHeap();
        long t0 = System.nanoTime();
        try {
            Scenario.Started started = scenario.start(engine, workload, parallelism, buffer,
                    options(workload, threads), recorder);
            m.startupNanos = System.nanoTime() - t0;
            Lifecycle life = started.lifecycle();
            Schedule s = plan.apply(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1));
            List<Thread> generators = new ArrayList<>();
            List<? extends Input<Timed>> ins = started.inputs();
            // a generator that finished waits here until the window's closing census has read its CPU time
            CountDownLatch counted = new CountDownLatch(1);
            for (int i = 0; i < ins.size(); i++) {
                Input<Timed> in = ins.get(i);
                Function<Input<Timed>, Producer.Report> producer = s.producers().get(i);
                int slot = i;
                generators.add(Thread.ofPlatform().name(CpuGroup.GENERATOR_PREFIX + i).start(() -> {
                    try {
                        reports[slot] = producer.apply(in);
                    } finally {
                        if (in instanceof MergeInput<Timed> merge) {
                            merge.close();
                        }
                        awaitQuietly(counted);
                    }
                }));
            }
            try {
                // the window: census, completions, allocation, hiccups and GC pauses at its edges
                Producer.parkUntil(s.windowStart());
                hiccups.interval();
                gc.take();
                long w0 = System.nanoTime();
                long done0 = life.stats().completed();
                long alloc0 = CostMeter.allocatedBytes();
                ThreadCensus before = ThreadCensus.take();
                Producer.parkUntil(s.windowEnd());
                long w1 = System.nanoTime();
                long done1 = life.stats().completed();
                long alloc1 = CostMeter.allocatedBytes();
                m.cpu = ThreadCensus.take().since(before);
                m.windowNanos = w1 - w0;
                m.items = done1 - done0;
                m.allocatedBytes = alloc0 < 0 || alloc1 < 0 ? -1 : alloc1 - alloc0;
            } finally {
                counted.countDown();
            }
            if (s.countUntil() != s.windowEnd()) {
                Producer.parkUntil(s.countUntil());
                m.completedInTime = life.stats().completed();
                m.scheduleNanos = s.windowEnd() - s.windowStart();
            }
            for (Thread g : generators) {
                g.join(LIVENESS.toMillis());
                if (g.isAlive()) {
                    error = "the load generator was still blocked in submit " + LIVENESS.toSeconds() + " s after the window";
                }
            }
            m.histograms.put(HistogramKind.HICCUP, hiccups.interval());
            m.gc = gc.take();
            if (error != null) {
                life.cancel();
            }
            long c0 = System.nanoTime();
            try {
                life.close();
            } catch (RuntimeException | Error e) {
                error = error != null ? error : "close threw " + e;
            }
            m.closeNanos = System.nanoTime() - c0;
            stats = life.stats();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException | Error e) {
            error = "threw " + e;
        }
        m.peakHeapBytes = CostMeter.peakHeapBytes();
        m.peakThreads = threads.peakLive();
        long[] submitted = new long[reports.length];
        for (int i = 0; i < reports.length; i++) {
            Producer.Report r = reports[i];
            if (r == null) {
                continue;
            }
            submitted[i] = r.submitted;
            m.scheduled += r.scheduled;
            m.histogram(HistogramKind.GENERATOR_LAG).add(r.lag);
            m.histogram(HistogramKind.ADMISSION_WAIT).add(r.admission);
            error = error != null ? error : r.error;
        }
        m.histograms.put(HistogramKind.LATENCY, recorder.latency);
        m.histograms.put(HistogramKind.SERVICE, recorder.service);
        m.reason = error != null ? error : check(lines, submitted, stats, workload, recorder, threads);
        m.warmupPasses = warmupPasses;
        into.add(m.toSample(fork, iteration, Double.NaN), m.histograms);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The oracle's verdict on a pass, computed outside the window: null when it matches. */
    private String check(List<List<RouteLine>> lines, long[] submitted, PatternStats stats, RouteWorkload workload,
                         LatencyRecorder recorder, TrackingThreadFactory threads) {
        RunOutcome expected = oracle(lines, submitted);
        RunOutcome outcome = new RunOutcome(stats.accepted(), stats.outputs(), stats.filtered(), stats.failed(),
                stats.cancelled(), workload.digest(), workload.ribSize(), 0, null);
        String reason = outcome.differenceFrom(expected, scenario.check());
        if (reason == null && (recorder.outputs != stats.outputs() || recorder.failures != stats.failed())) {
            reason = "sink saw outputs=" + recorder.outputs + " failures=" + recorder.failures + " but stats say "
                    + stats;
        }
        return reason != null ? reason : leaks(threads);
    }

    /** A warm-up pass: submits for {@code duration} (cycling the input), closes, returns items/s. */
    private double warmupPass(List<List<RouteLine>> lines) {
        RouteWorkload workload = profile.instantiate(inputs.fib());
        LatencyRecorder recorder = new LatencyRecorder();
        TrackingThreadFactory threads = tracker();
        Scenario.Started started = scenario.start(engine, workload, parallelism, buffer,
                options(workload, threads), recorder);
        long start = System.nanoTime();
        long due = start + spec.duration().toNanos();
        List<? extends Input<Timed>> ins = started.inputs();
        Producer.Report[] reports = new Producer.Report[ins.size()];
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < ins.size(); i++) {
            Input<Timed> in = ins.get(i);
            List<RouteLine> mine = cycled(lines.get(i));

            int slot = i;
            producers.add(Thread.ofPlatform().name(CpuGroup.GENERATOR_PREFIX + "warmup-" + i).start(() -> {
                try {
                    reports[slot] = Producer.closedLoop(in, mine, due, 1);
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
        for (Producer.Report r : reports) {
            if (r != null && r.error != null) {
                throw new IllegalStateException("warm-up: " + r.error);
            }
        }
        return started.lifecycle().stats().accepted() / (elapsed / 1e9);
    }

    /** A list that repeats {@code lines} (the warm-up may outrun one copy). */
    private static List<RouteLine> cycled(List<RouteLine> lines) {
        return new java.util.AbstractList<>() {
            @Override
            public RouteLine get(int index) {
                return lines.get(index % lines.size());
            }

            @Override
            public int size() {
                return lines.isEmpty() ? 0 : Integer.MAX_VALUE;
            }
        };
    }

    // ---- the cancellation scenario ---------------------------------------------------------------

    private PhaseResult cancellationPhase() {
        PhaseResult phase = PhaseResult.empty("cancel", Double.NaN, 0);
        List<RouteLine> lines = inputs.lines(profile, Math.max(10_000, 4 * (parallelism + buffer)), 1).get(0);
        for (int w = 0; w < spec.warmups(); w++) {
            cancelOnce(lines, PhaseResult.newHistogram());
        }
        for (int i = 0; i < spec.iterations(); i++) {
            PassMeasures m = new PassMeasures();
            Histogram h = m.histogram(HistogramKind.LATENCY);
            CostMeter.resetPeakHeap();
            hiccups.interval();
            gc.take();
            ThreadCensus before = ThreadCensus.take();
            long alloc0 = CostMeter.allocatedBytes();
            long start = System.nanoTime();
            int cancels = cancelsPerIteration();
            for (int c = 0; c < cancels; c++) {
                CancelPass p = cancelOnce(lines, h);
                m.reason = m.reason != null ? m.reason : p.reason;
                m.peakThreads = Math.max(m.peakThreads, p.peakThreads);
                m.items += p.accepted;
            }
            m.windowNanos = System.nanoTime() - start;
            long alloc1 = CostMeter.allocatedBytes();
            m.cpu = ThreadCensus.take().since(before);
            m.allocatedBytes = alloc0 < 0 || alloc1 < 0 ? -1 : alloc1 - alloc0;
            m.peakHeapBytes = CostMeter.peakHeapBytes();
            m.histograms.put(HistogramKind.HICCUP, hiccups.interval());
            m.gc = gc.take();
            m.histogram(HistogramKind.SERVICE).add(h);
            phase.add(m.toSample(fork, i, cancels / (m.windowNanos / 1e9)), m.histograms);
        }
        return phase;
    }

    /** Cancellations per iteration of the cancellation scenario: one per 50 ms of duration, 2 to 8. */
    private int cancelsPerIteration() {
        return (int) Math.max(2, Math.min(8, spec.duration().toMillis() / 50));
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
        Thread producer = Thread.ofPlatform().name(CpuGroup.GENERATOR_PREFIX + "cancel").start(() -> {
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

    /** The sequential oracle's outcome for the first {@code submitted[i]} lines of each producer's list. */
    private RunOutcome oracle(List<List<RouteLine>> lines, long[] submitted) {
        Map<String, RunOutcome> byPrefix = oracles.computeIfAbsent(lines, l -> new HashMap<>());
        return byPrefix.computeIfAbsent(Arrays.toString(submitted), k -> {
            List<List<RouteLine>> prefix = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                prefix.add(lines.get(i).subList(0, (int) submitted[i]));
            }
            Profile oracleProfile = profile.params().containsKey("delayMs") ? profile.with("delayMs", "0") : profile;
            RunOutcome o = WorkloadRunner.run(Engines.byName("sequential"), oracleProfile.instantiate(inputs.fib()),
                    scenario.oracleShape(), scenario.order(), prefix, 1, 64, LIVENESS.multipliedBy(4));
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

    /**
     * The engine's thread factory, tracked; platform threads are named {@code poolbench-…} so that
     * the {@link ThreadCensus} bills them to the engine whatever the engine calls them.
     */
    private TrackingThreadFactory tracker() {
        ThreadFactory base = engine.defaultThreadFactory(scenario.pattern());
        ThreadFactory named = r -> {
            Thread t = base.newThread(r);
            if (t != null && !t.isVirtual() && !t.getName().startsWith("poolbench-")) {
                t.setName("poolbench-" + t.getName());
            }
            return t;
        };
        return new TrackingThreadFactory(named, "poolbench-" + engine.name() + "-" + scenario.pattern().shortName()
                + "-");
    }

    private static String leaks(TrackingThreadFactory threads) {
        List<Thread> alive = threads.alive();
        return alive.isEmpty() ? null : alive.size() + " engine thread(s) alive after close, e.g. " + alive.get(0);
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
