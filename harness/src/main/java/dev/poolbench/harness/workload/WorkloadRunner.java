package dev.poolbench.harness.workload;

import dev.poolbench.api.Engine;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Pipeline;
import dev.poolbench.api.Running;
import dev.poolbench.api.Sink;
import dev.poolbench.api.WorkerPool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link RouteWorkload} once on an engine — as a pipeline of the four stages or as a
 * worker pool of the fused stage, under {@link ErrorPolicy#CONTINUE} — with one or more
 * producer threads, and returns the {@link RunOutcome} the oracle compares. A run that exceeds
 * its time limit is cancelled (the instance's deadline) and reported as an error, never hangs
 * the caller for longer than the limit plus a grace period.
 */
public final class WorkloadRunner {

    /** Which pattern carries the stages. */
    public enum Shape { PIPELINE, POOL }

    /** Which ordering the instance is built with. */
    public enum Order { KEYED, ORDERED, UNORDERED }

    private WorkloadRunner() {
    }

    /**
     * One run. {@code producers} are submitted concurrently, one thread each (a single list is
     * submitted from the calling side and built single-producer).
     */
    public static RunOutcome run(Engine engine, RouteWorkload workload, Shape shape, Order order,
                                 List<List<RouteLine>> producers, int parallelism, int buffer, Duration limit) {
        AtomicReference<RunOutcome> result = new AtomicReference<>();
        AtomicReference<Running<RouteLine>> instance = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().daemon().name("poolbench-verify-" + engine.name()).unstarted(() ->
                result.set(runOnce(engine, workload, shape, order, producers, parallelism, buffer, limit, instance)));
        runner.start();
        try {
            runner.join(limit.plusSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (result.get() == null) {
            Running<RouteLine> r = instance.get();
            if (r != null) {
                r.cancel();
            }
            return new RunOutcome(0, 0, 0, 0, 0, 0, 0, 0, "hung: did not terminate within " + limit.plusSeconds(10)
                    .toSeconds() + " s" + (r == null ? "" : " (" + r.stats() + ")"));
        }
        return result.get();
    }

    private static RunOutcome runOnce(Engine engine, RouteWorkload workload, Shape shape, Order order,
                                      List<List<RouteLine>> producers, int parallelism, int buffer, Duration limit,
                                      AtomicReference<Running<RouteLine>> instance) {
        Ordering ordering = switch (order) {
            case KEYED -> workload.keyed();
            case ORDERED -> Ordering.ORDERED;
            case UNORDERED -> Ordering.UNORDERED;
        };
        PatternOptions options = PatternOptions.builder().ordering(ordering).errors(ErrorPolicy.CONTINUE)
                .deadline(limit).singleProducer(producers.size() == 1).build();
        CheckingSink sink = new CheckingSink(workload, order);
        long submitted = producers.stream().mapToLong(List::size).sum();
        String error = null;
        PatternStats stats = null;
        try {
            Running<RouteLine> running = shape == Shape.PIPELINE
                    ? engine.pipeline(new Pipeline<RouteLine, Object>(workload.stages(parallelism, buffer), options), sink)
                    : engine.workerPool(WorkerPool.of(workload.fused(parallelism, buffer), options), sink);
            instance.set(running);
            try {
                error = submitAll(running, producers);
            } finally {
                try {
                    running.close();
                } catch (RuntimeException | Error e) {
                    error = error != null ? error : "close threw " + e;
                }
                stats = running.stats();
            }
        } catch (RuntimeException | Error e) {
            error = error != null ? error : "threw " + e;
        }
        if (error == null && stats != null) {
            if (stats.accepted() != submitted) {
                error = "accepted " + stats.accepted() + " of " + submitted + " items";
            } else if (stats.outputs() != sink.outputs || stats.failed() != sink.failures) {
                error = "stats " + stats + " disagree with the sink (outputs=" + sink.outputs + " failures="
                        + sink.failures + ")";
            } else if (stats.inFlight() != 0) {
                error = "inFlight " + stats.inFlight() + " after close";
            }
        }
        // ORDERED promises the order at the sink only (stages may overlap), so its final state is the
        // outputs replayed in sink order; KEYED promises it in every stage, so the install stage's RIB is checked
        boolean replay = order == Order.ORDERED;
        return new RunOutcome(stats == null ? 0 : stats.accepted(), sink.outputs,
                stats == null ? 0 : stats.filtered(), sink.failures, stats == null ? 0 : stats.cancelled(),
                replay ? sink.digest() : workload.digest(), replay ? sink.size() : workload.ribSize(),
                sink.violations, error);
    }

    private static String submitAll(Running<RouteLine> running, List<List<RouteLine>> producers) {
        if (producers.size() == 1) {
            return submit(running, producers.get(0));
        }
        List<Thread> threads = new ArrayList<>();
        AtomicReference<String> error = new AtomicReference<>();
        for (int i = 0; i < producers.size(); i++) {
            List<RouteLine> items = producers.get(i);
            threads.add(Thread.ofPlatform().daemon().name("poolbench-producer-" + i).start(() -> {
                String e = submit(running, items);
                if (e != null) {
                    error.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while producers ran";
            }
        }
        return error.get();
    }

    private static String submit(Running<RouteLine> running, List<RouteLine> items) {
        try {
            for (RouteLine l : items) {
                running.submit(l);
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "producer interrupted";
        } catch (RuntimeException e) {
            return "submit threw " + e;
        }
    }

    /**
     * Counts outcomes, checks that outputs respect the ordering, and replays them in sink order into
     * its own RIB (never called concurrently).
     */
    private static final class CheckingSink implements Sink<Object> {
        private final RouteWorkload workload;
        private final Order order;
        private final Map<Long, Long> lastLineByKey = new HashMap<>();
        private long lastLine = Long.MIN_VALUE;
        private final Rib replay = new Rib();
        private long lineSum;
        long outputs;
        long failures;
        long violations;

        long digest() {
            return workload.isTiny() ? Hashing.combine(lineSum, outputs) : replay.digest();
        }

        long size() {
            return workload.isTiny() ? outputs : replay.size();
        }

        CheckingSink(RouteWorkload workload, Order order) {
            this.workload = workload;
            this.order = order;
        }

        @Override
        public void onOutput(Object output) {
            outputs++;
            if (output instanceof ResolvedRoute r) {
                replay.apply(r);
            } else if (output instanceof RouteLine l) {
                lineSum += Hashing.combine(l.number(), l.text().hashCode());
            }
            long line = workload.outputLine(output);
            if (order == Order.KEYED) {
                Long previous = lastLineByKey.put(workload.outputKey(output), line);
                if (previous != null && previous >= line) {
                    violations++;
                }
            } else if (order == Order.ORDERED) {
                if (line < lastLine) {
                    violations++;
                }
                lastLine = line;
            }
        }

        @Override
        public void onFailure(Failure failure) {
            failures++;
        }
    }
}
