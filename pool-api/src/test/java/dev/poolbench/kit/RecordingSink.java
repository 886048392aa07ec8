package dev.poolbench.kit;

import dev.poolbench.api.Failure;
import dev.poolbench.api.Sink;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that records what it receives and checks the sink discipline on the engine's threads:
 * an overlapping call (two engine threads inside the sink at once) is recorded as a failure, and a
 * plain (non-volatile) call counter that loses updates shows missing happens-before between
 * calls. It can be told to throw at its n-th output (a failing sink is fatal).
 */
public final class RecordingSink<T> implements Sink<T> {
    private final WorkerErrors errors;
    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<T> outputs = Collections.synchronizedList(new ArrayList<>());
    private final List<Failure> failures = Collections.synchronizedList(new ArrayList<>());
    private int plainCalls; // only touched inside the sink: correct only with happens-before between calls
    private volatile int throwAtOutput = -1;
    private volatile Throwable toThrow;

    public RecordingSink(WorkerErrors errors) {
        this.errors = errors;
    }

    /** The {@code n}-th output (1-based) makes the sink throw {@code e} (an exception or an {@link Error}). */
    public RecordingSink<T> throwAt(int n, Throwable e) {
        this.toThrow = e;
        this.throwAtOutput = n;
        return this;
    }

    @Override
    public void onOutput(T output) throws Exception {
        enter();
        try {
            errors.check(output != null, "sink got a null output");
            int n = outputs.size() + 1;
            outputs.add(output);
            if (n == throwAtOutput) {
                if (toThrow instanceof Error e) {
                    throw e;
                }
                throw (Exception) toThrow;
            }
        } finally {
            exit();
        }
    }

    @Override
    public void onFailure(Failure failure) {
        enter();
        try {
            errors.check(failure != null, "sink got a null failure");
            failures.add(failure);
        } finally {
            exit();
        }
    }

    private void enter() {
        int now = inside.incrementAndGet();
        errors.check(now == 1, "sink called concurrently (" + now + " calls at once)");
        plainCalls++;
        int c = calls.incrementAndGet();
        if ((c & 7) == 0) {
            Thread.yield(); // widen the window in which an overlapping call would be seen
        }
    }

    private void exit() {
        inside.decrementAndGet();
    }

    public List<T> outputs() {
        synchronized (outputs) {
            return List.copyOf(outputs);
        }
    }

    public List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }

    public int calls() {
        return calls.get();
    }

    /** Call count as seen through the plain field; differs from {@link #calls()} if updates were lost. */
    public int plainCalls() {
        return plainCalls;
    }
}
