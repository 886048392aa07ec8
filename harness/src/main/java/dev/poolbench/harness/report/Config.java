package dev.poolbench.harness.report;

import java.util.Locale;

/**
 * One configuration a recommendation can name: engine, parallelism, buffer and engine options,
 * and the result folder it came from (index into the report's folders; only shown when the
 * report reads more than one folder).
 */
public record Config(int run, String engine, int parallelism, int buffer, String engineOptions) {

    /** "virtual [virtual.mode=per-task] p=10,000 b=10,000" (with "run 2:" first when several folders). */
    public String label(boolean withRun) {
        return (withRun ? "run " + (run + 1) + ": " : "") + engine
                + (engineOptions.isEmpty() ? "" : " [" + engineOptions + "]")
                + String.format(Locale.ROOT, " p=%,d b=%,d", parallelism, buffer);
    }

    /** A short label for chart categories and legends. */
    public String shortLabel(boolean withRun) {
        return (withRun ? "r" + (run + 1) + " " : "") + engine
                + (engineOptions.isEmpty() ? "" : " [" + engineOptions.replaceAll("(^|;)" + engine + "\\.", "$1") + "]")
                + " p" + parallelism + " b" + buffer;
    }
}
