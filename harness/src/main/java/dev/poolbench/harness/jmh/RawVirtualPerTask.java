package dev.poolbench.harness.jmh;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Baseline of the {@code virtual} engine: a new virtual thread per item, which carries it through
 * every stage to the sink, limited by {@link Semaphore}s — the JEP 444 idiom of limiting concurrency with
 * a semaphore rather than with a pool. Each lane or stage has two: {@code admitted} (buffer +
 * workers permits, taken by whoever hands the item in, so a full lane blocks the submitter: the
 * buffer of the topology) and {@code running} (workers permits, taken by the new thread around
 * the stage call: the lane's parallelism). A pipeline item takes the next stage's admission
 * before it gives its own back, so in-flight items stay bounded as in the contract. (Until
 * 2026-11-30 the pipeline started a new thread per item and stage: twice the engine's time per
 * item, a baseline that measured a design the engine does not use.)
 *
 * <p>The threads come from a {@link ThreadFactory}: {@code virtual} leaves them unnamed (the
 * primitive's cheapest use, the baseline of the overhead ratio); {@code virtualNamed} names each
 * one {@code raw-virtual-<pattern>-<n>}, as the contract's default factory must (SPEC §2: every
 * thread named, virtual threads too). Their ratio is what a unique name per thread costs — a
 * cost of the contract, reported apart from the engine's plumbing.
 */
final class RawVirtualPerTask extends RawHandoff {

    private final Semaphore[] admitted;
    private final Semaphore[] running;
    private final int admits;
    private final ThreadFactory threads;
    private int next;

    RawVirtualPerTask(HandoffPattern pattern, TinyStages stages, BatchSink sink, ThreadFactory threads) {
        super(pattern, stages, sink);
        this.threads = threads;
        int n = pattern == HandoffPattern.PIPELINE3 ? HandoffPattern.PIPELINE_STAGES : pattern.lanes();
        admits = HandoffPattern.BUFFER + pattern.workersPerLane();
        admitted = new Semaphore[n];
        running = new Semaphore[n];
        for (int i = 0; i < n; i++) {
            admitted[i] = new Semaphore(admits);
            running[i] = new Semaphore(pattern.workersPerLane());
        }
    }

    @Override
    void submit(Parcel p) throws InterruptedException {
        int lane = 0;
        if (pattern != HandoffPattern.PIPELINE3) {
            lane = next;
            next = lane + 1 == admitted.length ? 0 : lane + 1;
        }
        admitted[lane].acquire();
        int k = lane;
        threads.newThread(() -> run(k, p)).start();
    }

    /**
     * Item {@code p}'s own virtual thread, from lane (or first stage) {@code lane} to the sink; the
     * caller holds an admission of {@code lane}. In the pipeline the one thread carries the item
     * through the three stages, as thread-per-task code would (and as the engine's per-task mode
     * does), taking stage k+1's admission before it gives back stage k's.
     */
    private void run(int lane, Parcel p) {
        int held = lane;
        try {
            Parcel value = p;
            int last = pattern == HandoffPattern.PIPELINE3 ? admitted.length - 1 : lane;
            for (int k = lane; k <= last; k++) {
                if (k > held) {
                    admitted[k].acquire();
                    admitted[held].release();
                    held = k;
                }
                running[k].acquire();
                try {
                    value = TinyStages.apply(pattern == HandoffPattern.PIPELINE3 ? step(k) : stages.fused(), value);
                } finally {
                    running[k].release();
                }
            }
            deliverLocked(value);
        } catch (Throwable t) {
            sink.fail(t);
        } finally {
            admitted[held].release();
        }
    }

    @Override
    void close() throws InterruptedException {
        // all admissions of stage k back means every item moved past it (it held k+1's first)
        for (Semaphore s : admitted) {
            if (!s.tryAcquire(admits, 10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw virtual threads did not finish in 10 s");
            }
        }
    }
}
