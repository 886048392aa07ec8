package dev.poolbench.harness.workload;

/**
 * A file-level problem with a route file (missing, unreadable, empty, binary, in neither
 * format): one line, {@code "FILE: problem"}. It is an {@link IllegalArgumentException}, so
 * the command line reports it as bad input (exit 2) without a stack trace.
 */
public final class RouteFileException extends IllegalArgumentException {
    public RouteFileException(String file, String problem) {
        super(file + ": " + problem);
    }
}
