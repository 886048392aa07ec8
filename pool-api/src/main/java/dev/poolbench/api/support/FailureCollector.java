package dev.poolbench.api.support;

import dev.poolbench.api.Failure;
import dev.poolbench.api.PatternFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Keeps the first failure of an instance (by time) and up to {@value #MAX_SUPPRESSED} later
 * ones, and builds what {@code close()} throws. An {@link Error} always wins (SPEC §2, 5): one
 * that arrives after an exception was recorded takes its place as the failure {@code close()}
 * reports, and the exceptions recorded before it become its suppressed ones.
 */
public final class FailureCollector {
    public static final int MAX_SUPPRESSED = 16;

    private Failure first;
    private final List<Throwable> later = new ArrayList<>();
    private Throwable toThrow;

    /** Records a failure; true if it is the first one (the caller then cancels the instance). */
    public synchronized boolean record(Failure failure) {
        if (first == null) {
            first = failure;
            return true;
        }
        if (failure.cause() instanceof Error && !(first.cause() instanceof Error) && toThrow == null) {
            later.add(0, first.cause()); // the exception before it becomes the Error's suppressed one
            if (later.size() > MAX_SUPPRESSED) {
                later.remove(later.size() - 1);
            }
            first = failure;
            return false; // the first failure has already cancelled the instance
        }
        if (later.size() < MAX_SUPPRESSED && failure.cause() != first.cause()) {
            later.add(failure.cause());
        }
        return false;
    }

    public synchronized Failure first() {
        return first;
    }

    public synchronized boolean hasFailed() {
        return first != null;
    }

    /**
     * What {@code close()} throws for an instance that ended with a failure or a cancel, or null
     * if it ended well. The same object on every call (close is idempotent).
     */
    public synchronized Throwable outcome(Throwable cancelCause) {
        if (toThrow != null) {
            return toThrow;
        }
        if (first != null) {
            Throwable t = first.cause() instanceof Error e ? e : new PatternFailedException(first);
            for (Throwable s : later) {
                if (s != t) {
                    t.addSuppressed(s);
                }
            }
            toThrow = t;
        } else if (cancelCause != null) {
            if (cancelCause instanceof CancellationException ce) {
                toThrow = ce;
            } else {
                CancellationException ce = new CancellationException("cancelled: " + cancelCause);
                ce.initCause(cancelCause);
                toThrow = ce;
            }
        }
        return toThrow;
    }

    /** Throws {@link #outcome} if there is one. */
    public void throwOutcome(Throwable cancelCause) {
        Throwable t = outcome(cancelCause);
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
