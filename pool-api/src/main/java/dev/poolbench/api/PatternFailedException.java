package dev.poolbench.api;

/**
 * The instance failed: the first failure observed under {@link ErrorPolicy#FAIL_FAST}, or a
 * throwing sink. The cause is what was thrown; later failures are attached as suppressed.
 */
public class PatternFailedException extends RuntimeException {

    private final transient Failure failure;

    public PatternFailedException(Failure failure) {
        super(failure.toString(), failure.cause());
        this.failure = failure;
    }

    /** The first failure: input, stage name and cause. */
    public Failure failure() {
        return failure;
    }
}
