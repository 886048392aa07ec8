package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Combiner;
import dev.poolbench.api.ErrorPolicy;
import dev.poolbench.api.Failure;
import dev.poolbench.api.MergeInput;
import dev.poolbench.api.Ordering;
import dev.poolbench.api.PatternKind;
import dev.poolbench.api.PatternOptions;
import dev.poolbench.api.PatternStats;
import dev.poolbench.api.Running;
import dev.poolbench.api.RunningMerge;
import dev.poolbench.api.Sink;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.DeadlineWatch;
import dev.poolbench.api.support.FailureCollector;
import dev.poolbench.api.support.OutcomeCounters;
import dev.poolbench.api.support.TokenBucket;
import dev.poolbench.api.support.TerminationWait;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One running instance of the forkjoin engine, for every pattern shape: lanes of
 * {@link StageNode}s (one lane for a worker pool or pipeline, one per worker for a fan-out, one
 * per input for a merge) whose items run as {@link StageTask}s on the instance's own
 * {@link ForkJoinPool}.
 *
 * <p><b>Admission.</b> The pool's queues are unbounded, so every stage bounds its own admission
 * under one instance lock: an item runs only while its stage holds fewer than {@code parallelism}
 * slots, else it waits in the stage's buffer; a full first stage blocks submitters; a finished
 * item whose next stage is full keeps its slot in the stage's outbox until the next stage pulls it.
 * No pool thread ever blocks for backpressure, so in-flight items never exceed Σ buffer + Σ
 * parallelism, and ORDERED adds a window of that size so held-back outputs stay inside it.
 *
 * <p><b>Ending.</b> Every accepted item ends exactly once, counted by whoever holds it last. Cancel
 * takes every waiting item out (counted cancelled), drops queued tasks, shuts the pool down now and
 * interrupts the workers running stage code; termination waits for the pool and joins every worker
 * thread and the deadline thread.
 */
final class ForkJoinInstance<I> implements Running<I>, RunningMerge<I> {

    private final PatternKind kind;
    private final ErrorPolicy errors;
    private final Ordering.Keyed keyed;
    private final Sink<Object> sink;
    private final Combiner<Object, Object> combiner;
    private final List<StageNode[]> lanes;
    private final List<Source> sources;
    private final List<Integer> buffers;
    private final ForkJoinPool pool;
    private final Queue<Thread> workers = new ConcurrentLinkedQueue<>();
    private final DeadlineWatch deadline;
    private final TokenBucket bucket;
    /** ORDERED only: permits for items in flight, reorder buffer included. */
    private final Semaphore window;
    private final OrderedRelease order;

    private final OutcomeCounters counters = new OutcomeCounters();
    private final FailureCollector failures = new FailureCollector();
    private final Set<TrackedTask> tasks = ConcurrentHashMap.newKeySet();
    private final AtomicLong unfinished = new AtomicLong();
    private final ReentrantLock sinkLock = new ReentrantLock();
    private final CountDownLatch drained = new CountDownLatch(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition space = lock.newCondition();
    // guarded by lock
    private int waitingSubmitters;
    private int openSources;
    private boolean finishing;
    private long nextSeq;
    private int roundRobin;

    private volatile boolean allClosed;
    private volatile boolean cancelled;
    private volatile Throwable cancelCause;

    @SuppressWarnings("unchecked")
    ForkJoinInstance(ForkJoinEngine engine, PatternKind kind, List<List<StageSpec<?, ?>>> laneSpecs,
                     boolean inputPerLane, PatternOptions options, Combiner<?, ?> combiner, Sink<?> sink) {
        Map<String, String> resolved = engine.resolveOptions(options);
        ThreadFactory factory = options.threadFactory() != null ? options.threadFactory()
                : engine.defaultThreadFactory(kind);
        if (!(factory instanceof ForkJoinPool.ForkJoinWorkerThreadFactory fjFactory)) {
            throw new IllegalArgumentException("threadFactory: " + factory.getClass().getName()
                    + " is invalid for the forkjoin engine; expected a ThreadFactory that also implements "
                    + "ForkJoinPool.ForkJoinWorkerThreadFactory (e.g. TrackingThreadFactory)");
        }
        this.kind = kind;
        this.errors = options.errors();
        this.sink = (Sink<Object>) Objects.requireNonNull(sink, "sink");
        this.combiner = (Combiner<Object, Object>) combiner;
        this.keyed = options.ordering() instanceof Ordering.Keyed k ? k : null;
        boolean ordered = options.ordering() instanceof Ordering.Ordered && combiner == null;

        int stageCount = laneSpecs.get(0).size();
        List<Map<Object, ArrayDeque<Item>>> keyTables = new ArrayList<>();
        for (int s = 0; s < stageCount; s++) {
            keyTables.add(keyed != null ? new HashMap<>() : null);
        }
        List<StageNode[]> built = new ArrayList<>();
        List<Integer> buf = new ArrayList<>();
        long bound = 0;
        long threads = 0;
        long blockingThreads = 0;
        for (List<StageSpec<?, ?>> specs : laneSpecs) {
            StageNode[] nodes = new StageNode[specs.size()];
            for (int s = 0; s < nodes.length; s++) {
                StageSpec<?, ?> spec = specs.get(s);
                nodes[s] = new StageNode(spec, context(spec.name()), keyTables.get(s));
                if (s > 0) {
                    nodes[s].prev = nodes[s - 1];
                    nodes[s - 1].next = nodes[s];
                }
                buf.add(spec.buffer());
                bound += (long) spec.buffer() + spec.parallelism();
                threads += spec.parallelism();
                if (spec.blocking()) {
                    blockingThreads += spec.parallelism();
                }
            }
            if (this.combiner != null) {
                nodes[nodes.length - 1].partial = this.combiner.identity();
            }
            built.add(nodes);
        }
        this.lanes = List.copyOf(built);
        this.buffers = List.copyOf(buf);
        this.window = ordered ? new Semaphore((int) Math.min(bound, 1 << 30)) : null;
        this.order = ordered ? new OrderedRelease() : null;
        this.bucket = TokenBucket.forRate(options.rateLimit());

        List<Source> in = new ArrayList<>();
        int inputs = inputPerLane ? lanes.size() : 1;
        for (int i = 0; i < inputs; i++) {
            in.add(new Source(i));
        }
        this.sources = List.copyOf(in);
        this.openSources = inputs;

        int maxCap = 0x7fff;
        int parallelism = (int) Math.min(maxCap, threads);
        int maxThreads = (int) Math.min(maxCap, threads + blockingThreads);
        ForkJoinPool.ForkJoinWorkerThreadFactory tracked = p -> {
            ForkJoinWorkerThread t = fjFactory.newThread(p);
            if (t != null) {
                workers.add(t);
            }
            return t;
        };
        boolean async = Boolean.parseBoolean(resolved.get(ForkJoinEngine.ASYNC));
        this.pool = new ForkJoinPool(parallelism, tracked, null, async, 0, maxThreads, 1, p -> true,
                30, TimeUnit.SECONDS);
        this.deadline = DeadlineWatch.start(factory, options.deadline(), this::cancel);
    }

    private StageContext context(String name) {
        return new StageContext() {
            @Override
            public String stageName() {
                return name;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }
        };
    }

    // ---- input side ---------------------------------------------------------------------------

    /** One input: a merge has one per lane, every other pattern exactly one. */
    private final class Source implements MergeInput<I> {
        private final int index;
        private volatile boolean closed;

        Source(int index) {
            this.index = index;
        }

        @Override
        public void submit(I item) throws InterruptedException {
            admit(this, item, Long.MAX_VALUE);
        }

        @Override
        public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
            return admit(this, item, Math.max(0, unit.toNanos(timeout)));
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (--openSources == 0) {
                    allClosed = true;
                }
                if (waitingSubmitters > 0) {
                    space.signalAll();
                }
            } finally {
                lock.unlock();
            }
            tryFinish();
        }
    }

    @Override
    public void submit(I item) throws InterruptedException {
        sources.get(0).submit(item);
    }

    @Override
    public boolean offer(I item, long timeout, TimeUnit unit) throws InterruptedException {
        return sources.get(0).offer(item, timeout, unit);
    }

    @Override
    public List<? extends MergeInput<I>> inputs() {
        return sources;
    }

    /** Accepts {@code item} once its first stage has room; false if {@code timeoutNanos} ran out first. */
    private boolean admit(Source source, I item, long timeoutNanos) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        checkOpen(source);
        boolean timed = timeoutNanos != Long.MAX_VALUE;
        long due = System.nanoTime() + (timed ? timeoutNanos : 0);
        if (bucket != null && !bucket.tryAcquire(timeoutNanos, () -> cancelled)) {
            return false;
        }
        Object key = keyed != null ? keyed.keyOf(item) : null;
        boolean permit = false;
        boolean accepted = false;
        try {
            if (window != null) {
                if (timed) {
                    permit = window.tryAcquire(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
                } else {
                    window.acquire();
                    permit = true;
                }
                if (!permit) {
                    return false;
                }
            }
            lock.lockInterruptibly();
            try {
                while (true) {
                    checkOpen(source);
                    StageNode first = entry(source, key);
                    if (first != null) {
                        counters.accepted();
                        unfinished.incrementAndGet();
                        enqueue(first, new Item(item, key, window != null ? nextSeq++ : -1));
                        accepted = true;
                        return true;
                    }
                    waitingSubmitters++;
                    try {
                        if (!timed) {
                            space.await();
                        } else {
                            long left = due - System.nanoTime();
                            if (left <= 0) {
                                return false;
                            }
                            space.awaitNanos(left);
                        }
                    } finally {
                        waitingSubmitters--;
                    }
                }
            } finally {
                lock.unlock();
            }
        } finally {
            if (permit && !accepted) {
                window.release();
            }
        }
    }

    private void checkOpen(Source source) {
        if (cancelled) {
            throw cancellation();
        }
        if (source.closed) {
            throw new IllegalStateException("submit after close");
        }
    }

    private CancellationException cancellation() {
        CancellationException e = new CancellationException("instance cancelled");
        Failure first = failures.first();
        Throwable cause = first != null ? first.cause() : cancelCause;
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** The first stage the item goes to if it has room now, else null (guarded by lock). */
    private StageNode entry(Source source, Object key) {
        if (kind == PatternKind.MERGE) {
            StageNode n = lanes.get(source.index)[0];
            return n.hasRoom(key) ? n : null;
        }
        if (lanes.size() == 1) {
            StageNode n = lanes.get(0)[0];
            return n.hasRoom(key) ? n : null;
        }
        if (key != null) { // fan-out, KEYED: the key picks the worker
            StageNode n = lanes.get(Math.floorMod(key.hashCode(), lanes.size()))[0];
            return n.hasRoom(key) ? n : null;
        }
        // fan-out: the least-loaded worker with room, ties broken round robin
        StageNode best = null;
        int n = lanes.size();
        int start = roundRobin;
        for (int i = 0; i < n; i++) {
            StageNode c = lanes.get((start + i) % n)[0];
            if (c.hasRoom(null) && (best == null || c.load() < best.load())) {
                best = c;
            }
        }
        roundRobin = (start + 1) % n;
        return best;
    }

    // ---- moving items between stages (all guarded by lock) ------------------------------------

    /** Puts an item into a node that has room: it runs now, or waits in the buffer or behind its key. */
    private void enqueue(StageNode node, Item it) {
        it.node = node;
        if (node.keys != null) {
            if (node.keys.containsKey(it.key)) {
                ArrayDeque<Item> behind = node.keys.get(it.key);
                if (behind == null) {
                    behind = new ArrayDeque<>(2);
                    node.keys.put(it.key, behind);
                }
                behind.add(it);
                node.parked++;
                return;
            }
            node.keys.put(it.key, null);
        }
        if (node.running < node.parallelism) {
            node.running++;
            dispatch(node, it);
        } else {
            node.ready.add(it);
        }
    }

    private void dispatch(StageNode node, Item it) {
        StageTask task = new StageTask(node, it);
        tasks.add(task);
        pool.execute(task);
    }

    /**
     * {@code it} leaves {@code n} and frees its slot: hands the key to the next item waiting for it,
     * starts the next buffered item (returned, to run on this thread, when {@code continueHere}),
     * and lets upstream items or submitters in.
     */
    private Item release(StageNode n, Item it, boolean continueHere) {
        if (cancelled) {
            return null; // cancel took every waiting item out; slots no longer matter
        }
        n.running--;
        StageNode granted = n.keys != null ? releaseKey(n, it.key) : null;
        Item next = null;
        if (n.running < n.parallelism && !n.ready.isEmpty()) {
            Item r = n.ready.poll();
            n.running++;
            if (continueHere) {
                next = r;
            } else {
                dispatch(n, r);
            }
        }
        roomFreed(n);
        if (granted != null && granted != n) {
            roomFreed(granted);
        }
        return next;
    }

    /** Passes {@code key} in {@code n}'s stage to the next item parked behind it; returns that item's node. */
    private StageNode releaseKey(StageNode n, Object key) {
        ArrayDeque<Item> behind = n.keys.get(key);
        if (behind == null || behind.isEmpty()) {
            n.keys.remove(key);
            return null;
        }
        Item w = behind.poll();
        if (behind.isEmpty()) {
            n.keys.put(key, null);
        }
        StageNode wn = w.node;
        wn.parked--;
        if (wn.running < wn.parallelism && wn.ready.isEmpty()) {
            wn.running++;
            dispatch(wn, w);
        } else {
            wn.ready.add(w);
        }
        return wn;
    }

    /** {@code n} may have room: pull finished items from the stage before it, or wake submitters. */
    private void roomFreed(StageNode n) {
        StageNode prev = n.prev;
        if (prev == null) {
            if (waitingSubmitters > 0) {
                space.signalAll();
            }
            return;
        }
        while (!cancelled && !prev.outbox.isEmpty() && n.hasRoom(prev.outbox.peek().key)) {
            Item x = prev.outbox.poll();
            enqueue(n, x);
            release(prev, x, false);
        }
    }

    // ---- running items ------------------------------------------------------------------------

    /** Runs items of one node on one pool thread: its first item, then buffered ones while it may. */
    private final class StageTask extends TrackedTask {
        private final StageNode node;
        private final Item item;

        StageTask(StageNode node, Item item) {
            this.node = node;
            this.item = item;
        }

        @Override
        void run() {
            Item it = item;
            while (it != null) {
                it = runOne(node, it);
            }
        }

        @Override
        void ended() {
            tasks.remove(this);
        }
    }

    /** Runs {@code it} through {@code n} and hands it on; returns the next item to run in {@code n}, if any. */
    private Item runOne(StageNode n, Item it) {
        if (cancelled) {
            ended(it, Outcome.CANCELLED);
            return null;
        }
        Object out;
        try {
            out = n.blocking ? BlockingCall.apply(n.function, it.value, n.context)
                    : n.function.apply(it.value, n.context);
        } catch (Throwable t) {
            ended(it, stageFailed(it, n.name, t)); // counted before the slot frees: the bound holds
            return releaseLocked(n, it);
        }
        if (out == null) {
            ended(it, Outcome.FILTERED);
            return releaseLocked(n, it);
        }
        it.value = out;
        if (n.next != null) {
            return handOn(n, it);
        }
        if (order != null) {
            // held back outputs stay within the bound through the window, not through the slot
            Item next = releaseLocked(n, it);
            if (!order.complete(it.seq, it, this::deliverOrdered)) {
                ended(it, Outcome.CANCELLED, false);
            }
            return next;
        }
        // last stage: deliver while holding the slot, so equal keys reach the sink in order
        ended(it, combiner != null ? accumulate(n, it) : deliver(it));
        return releaseLocked(n, it);
    }

    private Item releaseLocked(StageNode n, Item it) {
        lock.lock();
        try {
            return release(n, it, true);
        } finally {
            lock.unlock();
        }
    }

    /** To the next stage if it has room, else into the outbox, keeping the slot until pulled. */
    private Item handOn(StageNode n, Item it) {
        lock.lock();
        try {
            if (!cancelled) {
                if (n.outbox.isEmpty() && n.next.hasRoom(it.key)) {
                    enqueue(n.next, it);
                    return release(n, it, true);
                }
                n.outbox.add(it);
                return null;
            }
        } finally {
            lock.unlock();
        }
        ended(it, Outcome.CANCELLED);
        return null;
    }

    private Outcome stageFailed(Item it, String stage, Throwable t) {
        if (cancelled && isInterruption(t)) {
            return Outcome.CANCELLED;
        }
        Failure failure = new Failure(it.input, stage, t);
        if (t instanceof Error || errors == ErrorPolicy.FAIL_FAST) {
            fatal(failure);
            return Outcome.FAILED;
        }
        callSink(it.input, () -> sink.onFailure(failure));
        return Outcome.FAILED;
    }

    /** Calls the sink with the item's value (one caller at a time). */
    private Outcome deliver(Item it) {
        return callSink(it.input, () -> sink.onOutput(it.value));
    }

    /** One call into the sink. */
    @FunctionalInterface
    private interface SinkCall {
        void call() throws Exception;
    }

    /**
     * Makes one sink call under the sink lock unless the instance is cancelled. A throwing sink is
     * fatal, and the cancel happens before the lock is released, so no sink call follows a failed one.
     */
    private Outcome callSink(Object input, SinkCall call) {
        try {
            sinkLock.lockInterruptibly();
        } catch (InterruptedException e) {
            if (cancelled) {
                return Outcome.CANCELLED;
            }
            fatal(new Failure(input, "sink", e));
            return Outcome.FAILED;
        }
        try {
            if (cancelled) {
                return Outcome.CANCELLED;
            }
            call.call();
            return Outcome.OUTPUT;
        } catch (Throwable t) {
            if (cancelled && isInterruption(t)) {
                return Outcome.CANCELLED;
            }
            fatal(new Failure(input, "sink", t));
            return Outcome.FAILED;
        } finally {
            sinkLock.unlock();
        }
    }

    private void deliverOrdered(Item it) {
        ended(it, deliver(it), false);
    }

    /** Folds the output into the lane's partial; the lane has one slot, so one writer at a time. */
    private Outcome accumulate(StageNode n, Item it) {
        if (cancelled) {
            return Outcome.CANCELLED;
        }
        try {
            n.partial = combiner.accumulate(n.partial, it.value);
            return Outcome.OUTPUT;
        } catch (Throwable t) {
            fatal(new Failure(it.input, "combiner", t));
            return Outcome.FAILED;
        }
    }

    private static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException;
    }

    private void fatal(Failure failure) {
        if (failures.record(failure)) {
            cancel(failure.cause());
        }
    }

    // ---- counting ends ------------------------------------------------------------------------

    private void ended(Item it, Outcome outcome) {
        ended(it, outcome, true);
    }

    /** Counts the item's one end; {@code gapToOrder}: tell the reorder buffer there is no output. */
    private void ended(Item it, Outcome outcome, boolean gapToOrder) {
        switch (outcome) {
            case OUTPUT -> counters.output();
            case FILTERED -> counters.filtered();
            case FAILED -> counters.failed();
            case CANCELLED -> counters.cancelled();
        }
        if (order != null) {
            window.release();
            if (gapToOrder) {
                order.complete(it.seq, null, this::deliverOrdered);
            }
        }
        if (unfinished.decrementAndGet() == 0) {
            tryFinish();
        }
    }

    // ---- ending -------------------------------------------------------------------------------

    @Override
    public void cancel(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        List<Item> dropped = new ArrayList<>();
        lock.lock();
        try {
            if (cancelled || drained.getCount() == 0) {
                return;
            }
            cancelCause = cause;
            cancelled = true;
            for (StageNode[] lane : lanes) {
                for (StageNode n : lane) {
                    dropped.addAll(n.ready);
                    dropped.addAll(n.outbox);
                    n.ready.clear();
                    n.outbox.clear();
                    if (n.keys != null) {
                        for (ArrayDeque<Item> behind : n.keys.values()) {
                            if (behind != null) {
                                dropped.addAll(behind);
                            }
                        }
                        n.keys.clear();
                    }
                }
            }
            if (waitingSubmitters > 0) {
                space.signalAll();
            }
            if (!finishing) {
                pool.shutdownNow();
            }
        } finally {
            lock.unlock();
        }
        if (window != null) {
            window.release(1 << 20); // wakes submitters waiting for the window; they see the cancel
            dropped.addAll(order.discard());
        }
        for (TrackedTask t : tasks) {
            if (t instanceof ForkJoinInstance<?>.StageTask st && st.drop()) {
                tasks.remove(st);
                dropped.add(st.item);
            } else {
                t.interruptIfRunning();
            }
        }
        for (Item it : dropped) {
            ended(it, Outcome.CANCELLED, false);
        }
        tryFinish();
    }

    /** Terminates once every accepted item has ended and the input is closed or the instance cancelled. */
    private void tryFinish() {
        if (unfinished.get() != 0 || !(allClosed || cancelled)) {
            return;
        }
        boolean aggregate;
        lock.lock();
        try {
            if (finishing || unfinished.get() != 0 || !(allClosed || cancelled)) {
                return;
            }
            finishing = true;
            aggregate = combiner != null && !cancelled;
            if (aggregate) {
                FinishTask f = new FinishTask();
                tasks.add(f);
                pool.execute(f);
            }
        } finally {
            lock.unlock();
        }
        if (!aggregate) {
            completeFinish();
        }
    }

    /** Fan-in of a combiner: folds the lanes' partials with {@link CombineTask} and gives the sink the aggregate. */
    private final class FinishTask extends TrackedTask {
        @Override
        void run() {
            try {
                if (!cancelled) {
                    Object[] partials = new Object[lanes.size()];
                    for (int i = 0; i < partials.length; i++) {
                        StageNode[] lane = lanes.get(i);
                        partials[i] = lane[lane.length - 1].partial;
                    }
                    Object aggregate;
                    try {
                        aggregate = new CombineTask(combiner, partials, 0, partials.length).invoke();
                    } catch (Throwable t) {
                        fatal(new Failure(null, "combiner", t));
                        return;
                    }
                    callSink(null, () -> sink.onOutput(aggregate));
                }
            } finally {
                completeFinish();
            }
        }

        @Override
        void ended() {
            tasks.remove(this);
        }
    }

    private void completeFinish() {
        deadline.disarm();
        if (cancelled) {
            pool.shutdownNow();
        } else {
            pool.shutdown();
        }
        drained.countDown();
    }

    @Override
    public void close() {
        for (Source s : sources) {
            s.close();
        }
        TerminationWait.uninterruptibly(this);
        failures.throwOutcome(cancelled ? cancelCause : null);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        long due = System.nanoTime() + nanos;
        boolean forever = nanos >= Long.MAX_VALUE / 2;
        if (forever) {
            drained.await();
            while (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                // keep waiting
            }
            for (Thread t : workers) {
                t.join();
            }
        } else {
            if (!drained.await(nanos, TimeUnit.NANOSECONDS)
                    || !pool.awaitTermination(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
            for (Thread t : workers) {
                long left = due - System.nanoTime();
                if (t.isAlive() && (left <= 0 || !t.join(Duration.ofNanos(left)))) {
                    return false;
                }
            }
        }
        deadline.join(); // the watch's thread is ours too: it ends promptly once disarmed
        return true;
    }

    @Override
    public boolean isTerminated() {
        if (drained.getCount() != 0 || !pool.isTerminated()) {
            return false;
        }
        for (Thread t : workers) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PatternStats stats() {
        return counters.snapshot(buffers);
    }
}
