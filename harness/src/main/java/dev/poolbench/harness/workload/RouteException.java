package dev.poolbench.harness.workload;

/**
 * A route item that failed a stage: the source line number, its text and the reason. Thrown
 * by parse ({@link Kind#MALFORMED}) and validate ({@link Kind#INVALID}); engines report it as
 * a per-item failure.
 */
public final class RouteException extends Exception {

    /** Which check the item failed. */
    public enum Kind { MALFORMED, INVALID }

    private final Kind kind;
    private final long line;
    private final String text;
    private final String reason;

    public RouteException(Kind kind, long line, String text, String reason) {
        super("line " + line + ": " + reason + (text == null ? "" : " [" + abbreviate(text) + "]"), null, false, false);
        this.kind = kind;
        this.line = line;
        this.text = text;
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    public long line() {
        return line;
    }

    /** The item's text (for invalid routes, the route in line form). */
    public String text() {
        return text;
    }

    public String reason() {
        return reason;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
