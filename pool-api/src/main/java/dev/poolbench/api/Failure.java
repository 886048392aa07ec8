package dev.poolbench.api;

import java.util.Objects;

/**
 * One failed item: the input the instance accepted, the name of the stage that failed on it
 * (or {@code "sink"}), and what was thrown.
 */
public record Failure(Object input, String stage, Throwable cause) {
    public Failure {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return "stage '" + stage + "' failed on " + abbreviate(String.valueOf(input)) + ": " + cause;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
