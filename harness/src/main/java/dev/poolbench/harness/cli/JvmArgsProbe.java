package dev.poolbench.harness.cli;

import dev.poolbench.harness.measure.ForkLauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the forks' JVM once with their arguments and {@code -version} before any row runs, so
 * that arguments the JVM refuses ({@code -XX:+NoSuchFlag}, {@code -Xmx1k}…) are a usage error
 * carrying the JVM's own words, not one invalid row per fork. Costs one JVM start-up.
 */
final class JvmArgsProbe {

    /** A liveness bound: {@code java -version} takes well under a second. */
    private static final long LIMIT_SECONDS = 60;

    /** The JVM's closing lines after any start-up failure; they add nothing to the first ones. */
    private static final List<String> BOILERPLATE = List.of("Error: Could not create the Java Virtual Machine.",
            "Error: A fatal exception has occurred. Program will exit.");

    private JvmArgsProbe() {
    }

    /**
     * @param what names the options the arguments came from, e.g. {@code --jvm-args "-XX:+Foo"}
     * @throws IllegalArgumentException {@code <what>: the fork JVM <java> refused its arguments "<args>": <its message>}
     */
    static void check(String what, ForkLauncher launcher) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.javaCommand());
        cmd.addAll(launcher.jvmArgs());
        cmd.add("-version");
        String refused = what + ": the fork JVM " + launcher.javaCommand() + " refused its arguments \""
                + String.join(" ", launcher.jvmArgs()) + "\"";
        Path log = null;
        try {
            // into a file, not a pipe: options such as -XX:+PrintFlagsFinal print more than a pipe holds
            log = Files.createTempFile("poolbench-jvm-args", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalArgumentException(refused + ": 'java -version' did not finish within "
                        + LIMIT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalArgumentException(refused + ": " + message(Files.readString(log,
                        StandardCharsets.UTF_8), p.exitValue()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot start " + launcher.javaCommand() + " ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException(what + ": interrupted while checking the fork JVM's arguments");
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a stray temp file is no reason to fail
                }
            }
        }
    }

    /** The JVM's own explanation, one line: e.g. {@code Unrecognized VM option 'NoSuchFlag'}. */
    static String message(String output, int exit) {
        List<String> lines = output.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !BOILERPLATE.contains(l)).limit(3).toList();
        return lines.isEmpty() ? "exit " + exit + " without a message" : String.join("; ", lines);
    }
}
