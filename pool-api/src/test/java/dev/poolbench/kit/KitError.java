package dev.poolbench.kit;

/** An {@link Error} a kit stage throws to prove that errors are fatal under every policy. */
public final class KitError extends Error {
    public KitError(String message) {
        super(message);
    }
}
