package dev.poolbench.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * A pull adapter: a sink backed by a bounded queue that a consumer thread iterates, the seed's
 * {@code Results()} channel. When the queue is full the engine's fan-in blocks, so backpressure
 * reaches the producers. The producer side calls {@link #finish()} after the instance's
 * {@code close()} (or cancel) returns, in a {@code finally}; iteration ends once every output
 * before it has been taken. Failures under {@link ErrorPolicy#CONTINUE} are kept in
 * {@link #failures()}.
 */
public final class QueueSink<O> implements Sink<O>, Iterable<O> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Semaphore space;
    private final List<Failure> failures = new ArrayList<>();
    private volatile boolean finished;

    public QueueSink(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " is invalid; expected an integer >= 1");
        }
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // +1: room for the end marker
        this.space = new Semaphore(capacity);
    }

    @Override
    public void onOutput(O output) throws InterruptedException {
        if (finished) {
            throw new IllegalStateException("QueueSink: output after finish()");
        }
        space.acquire(); // the queue's last slot is kept for END, so finish() never blocks
        queue.add(output);
    }

    @Override
    public void onFailure(Failure failure) {
        synchronized (failures) {
            failures.add(failure);
        }
    }

    /** Marks the end of the stream; idempotent. */
    public void finish() {
        if (!finished) {
            finished = true;
            queue.offer(END);
        }
    }

    public List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    /** Blocks in {@code hasNext()} until an output or the end arrives. Single consumer. */
    @Override
    public Iterator<O> iterator() {
        return new Iterator<>() {
            private Object next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (ended) {
                    return false;
                }
                try {
                    Object o = queue.take();
                    if (o == END) {
                        ended = true;
                        queue.offer(END); // let a second iterator end too
                        return false;
                    }
                    space.release();
                    next = o;
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for an output", e);
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public O next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object o = next;
                next = null;
                return (O) o;
            }
        };
    }
}
