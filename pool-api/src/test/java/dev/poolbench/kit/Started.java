package dev.poolbench.kit;

import dev.poolbench.api.Input;
import dev.poolbench.api.Lifecycle;
import dev.poolbench.api.MergeInput;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.support.TrackingThreadFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A started {@link Topology}: one handle over {@link Running} and {@link RunningMerge}, plus the
 * tracking thread factory every engine thread must come from. A merge spreads jobs over its
 * inputs by sequence number unless an input is named.
 */
public final class Started {
    /** How long {@link #close()} may take: a liveness bound, twice the kit's usual one (it drains). */
    static final Duration CLOSE_BOUND = KitBase.LIVE.multipliedBy(2);

    private final Topology topology;
    private final TrackingThreadFactory tracker;
    private final Running<Job> running;
    private final RunningMerge<Job> merge;

    Started(Topology topology, TrackingThreadFactory tracker, Running<Job> running, RunningMerge<Job> merge) {
        this.topology = topology;
        this.tracker = tracker;
        this.running = running;
        this.merge = merge;
    }

    public Topology topology() {
        return topology;
    }

    public TrackingThreadFactory tracker() {
        return tracker;
    }

    public Lifecycle lifecycle() {
        return running != null ? running : merge;
    }

    public boolean isMerge() {
        return merge != null;
    }

    /** Input {@code i} (0 for every shape but merge). */
    public Input<Job> input(int i) {
        if (merge != null) {
            return merge.input(i);
        }
        if (i != 0) {
            throw new IllegalArgumentException("only a merge has input " + i);
        }
        return running;
    }

    public MergeInput<Job> mergeInput(int i) {
        return merge.input(i);
    }

    public int inputs() {
        return merge != null ? merge.inputs().size() : 1;
    }

    /** The input a job goes to by default: round robin by sequence number over a merge's inputs. */
    public Input<Job> inputFor(Job job) {
        return input(Math.floorMod(job.seq(), inputs()));
    }

    public void submit(Job job) throws InterruptedException {
        inputFor(job).submit(job);
    }

    public boolean offer(Job job, long millis) throws InterruptedException {
        return inputFor(job).offer(job, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes on a kit thread and waits at most {@link #CLOSE_BOUND}: a {@code close()} that never
     * returns fails the test (marked {@link WedgeWatch#MARK}, so the rest of the kit fails fast)
     * instead of hanging it. Whatever {@code close()} threw is rethrown as is. Right after it
     * returned, no thread of the instance's factory may be alive (the census of guarantee 7).
     */
    public void close() {
        Throwable[] thrown = new Throwable[1];
        Thread closer = new Thread(() -> {
            try {
                lifecycle().close();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }, "kit-closer");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_BOUND.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for close() of " + topology, e);
        }
        if (closer.isAlive()) {
            throw new AssertionError(WedgeWatch.MARK + " close() did not return within " + CLOSE_BOUND
                    + ": the instance never terminated (" + topology + ", " + stats() + ")");
        }
        List<Thread> alive = tracker.alive();
        if (!alive.isEmpty()) {
            throw new AssertionError("engine threads alive right after close() returned (leak) of " + topology
                    + ": " + alive);
        }
        if (thrown[0] instanceof RuntimeException re) {
            throw re;
        }
        if (thrown[0] instanceof Error e) {
            throw e;
        }
    }

    public void cancel() {
        lifecycle().cancel();
    }

    public void cancel(Throwable cause) {
        lifecycle().cancel(cause);
    }

    public boolean awaitTermination(long millis) throws InterruptedException {
        return lifecycle().awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    public boolean isTerminated() {
        return lifecycle().isTerminated();
    }

    public PatternStats stats() {
        return lifecycle().stats();
    }
}
