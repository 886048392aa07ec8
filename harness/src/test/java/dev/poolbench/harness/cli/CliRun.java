package dev.poolbench.harness.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Runs the CLI in this JVM and keeps everything it printed: its own out/err writers and also
 * System.out/System.err, where picocli's {@code [picocli WARN]} lines and the plain progress
 * lines go. Tests using it must not run in parallel with each other (JUnit runs them serially here).
 */
final class CliRun {

    /** A stack frame line, {@code at pkg.Class.method(File.java:42)}: never part of a bad-input message. */
    static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s*at \\S+\\(\\S*\\.java:\\d+\\)");

    /**
     * @param exit   the exit code
     * @param out    what the CLI printed to stdout
     * @param err    what the CLI printed to stderr (its writer and System.err together)
     */
    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        boolean hasStackTrace() {
            return STACK_FRAME.matcher(all()).find();
        }
    }

    private CliRun() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
        ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int exit;
        System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
        try {
            exit = PoolbenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(exit, out + sysOut.toString(StandardCharsets.UTF_8),
                err + sysErr.toString(StandardCharsets.UTF_8));
    }
}
