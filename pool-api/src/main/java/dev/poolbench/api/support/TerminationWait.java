package dev.poolbench.api.support;

import dev.poolbench.api.Lifecycle;

import java.util.concurrent.TimeUnit;

/**
 * The wait inside every engine's {@code close()}, as {@code ExecutorService.close()} waits: an
 * interrupt cancels the instance (cause: the {@link InterruptedException}) and the wait goes on
 * until it has terminated; the caller's interrupt status is set again before returning.
 */
public final class TerminationWait {

    private TerminationWait() {
    }

    public static void uninterruptibly(Lifecycle instance) {
        boolean interrupted = false;
        while (true) {
            try {
                if (instance.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                instance.cancel(e);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
