package dev.poolbench.kit;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects assertion failures raised on engine or worker threads (in stages, sinks, feeders),
 * where JUnit cannot see them, so that the test thread can rethrow them at the end of a test.
 */
public final class WorkerErrors {
    private final List<Throwable> errors = new ArrayList<>();

    public synchronized void add(Throwable t) {
        errors.add(t);
    }

    /** Records an assertion failure if {@code condition} is false. */
    public void check(boolean condition, String message) {
        if (!condition) {
            add(new AssertionError(message + " (on thread " + Thread.currentThread().getName() + ")"));
        }
    }

    public synchronized List<Throwable> all() {
        return List.copyOf(errors);
    }

    /** Throws the first recorded failure, with the others suppressed, and forgets them. */
    public void rethrow() {
        List<Throwable> copy;
        synchronized (this) {
            copy = List.copyOf(errors);
            errors.clear();
        }
        if (copy.isEmpty()) {
            return;
        }
        AssertionError e = new AssertionError(copy.size() + " failure(s) on engine/worker threads; first: "
                + copy.get(0), copy.get(0));
        for (int i = 1; i < copy.size() && i < 20; i++) {
            e.addSuppressed(copy.get(i));
        }
        throw e;
    }
}
