package dev.poolbench.api;

/**
 * The output side of a running instance, called by engine threads.
 *
 * <p>Never called concurrently: every call happens-before the next one (every pattern ends in
 * a fan-in). {@link #onOutput} receives outputs in the order the instance's {@link Ordering}
 * promises. {@link #onFailure} is called only under {@link ErrorPolicy#CONTINUE}. A sink that
 * throws fails the instance (fatal, whatever the error policy).
 */
@FunctionalInterface
public interface Sink<O> {

    void onOutput(O output) throws Exception;

    /** A failed item under {@link ErrorPolicy#CONTINUE}; the default ignores it. */
    default void onFailure(Failure failure) throws Exception {
    }
}
