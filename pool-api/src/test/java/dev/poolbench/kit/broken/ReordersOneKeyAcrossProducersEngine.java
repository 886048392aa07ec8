package dev.poolbench.kit.broken;

import dev.poolbench.api.Failure;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.Running;
import dev.poolbench.api.Sink;
import dev.poolbench.kit.Job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Planted bug: under KEYED, the first time two consecutive outputs of one key were submitted by
 * different threads, the sink gets them swapped (one key, two producers, reordered). Items are
 * the kit's {@link Job}s, matched by sequence number.
 */
final class ReordersOneKeyAcrossProducersEngine extends ForwardingEngine {
    private final Map<Integer, Thread> submitter = new ConcurrentHashMap<>();

    @Override
    protected <I> Running<I> running(Running<I> r) {
        return new ForwardingRunning<>(r) {
            @Override
            public void submit(I item) throws InterruptedException {
                submitter.put(((Job) item).seq(), Thread.currentThread());
                delegate.submit(item);
            }

            @Override
            public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
                submitter.put(((Job) item).seq(), Thread.currentThread());
                return delegate.offer(item, timeout, unit);
            }
        };
    }

    @Override
    protected <O> Sink<O> sink(Sink<O> sink, PatternOptions options) {
        if (!(options.ordering() instanceof Ordering.Keyed)) {
            return sink;
        }
        return new Sink<>() {
            private final Map<Integer, Job> lastOfKey = new java.util.HashMap<>();
            private O held;
            private boolean swapped;

            @Override
            public void onOutput(O output) throws Exception {
                Job j = (Job) output;
                Job before = lastOfKey.put(j.key(), j);
                if (held != null && ((Job) held).key() == j.key()) {
                    sink.onOutput(output);
                    sink.onOutput(held); // the bug: delivered after a later item of its key
                    held = null;
                    return;
                }
                if (!swapped && before != null && submitter.get(before.seq()) != submitter.get(j.seq())) {
                    swapped = true;
                    held = output;
                    return;
                }
                sink.onOutput(output);
            }

            @Override
            public void onFailure(Failure failure) throws Exception {
                sink.onFailure(failure);
            }
        };
    }
}
