package dev.poolbench.api;

import java.util.concurrent.CancellationException;

/**
 * What a running stage may ask of the instance that runs it: the seed's {@code ctx.Done()}.
 * Valid only during the {@link Stage#apply} call it was passed to.
 */
public interface StageContext {

    /** The name of the stage being run (as failures report it). */
    String stageName();

    /** True once the instance has been cancelled (by the caller, a deadline or a fail-fast failure). */
    boolean isCancelled();

    /** Throws {@link CancellationException} if {@link #isCancelled()}. */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled while running stage " + stageName());
        }
    }
}
