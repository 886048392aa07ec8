package dev.poolbench.harness.measure;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one row in a fresh JVM (same java, same class path), so that JIT, GC and class
 * loading of one engine never colour another's figures. A fork that fails or outlives its
 * time limit gives a row with an {@code error} (reported invalid), never a hang.
 */
public final class ForkLauncher {
    private final String javaCommand;
    private final List<String> jvmArgs;
    private final String classPath;

    /**
     * @param javaCommand the {@code java} to run, null for this JVM's
     * @param classPath   the class path of the fork, null for this JVM's
     */
    public ForkLauncher(String javaCommand, List<String> jvmArgs, String classPath) {
        this.javaCommand = javaCommand != null ? javaCommand
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        this.jvmArgs = List.copyOf(jvmArgs);
        this.classPath = classPath != null ? classPath : System.getProperty("java.class.path");
    }

    /**
     * The JVM arguments forks get by default: a fixed heap, pre-touched (no page faults inside a GC
     * pause or a measured pass), small enough that pre-touching stays cheap, so runs are comparable.
     */
    public static List<String> defaultJvmArgs() {
        return List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-XX:+UseG1GC");
    }

    public List<String> jvmArgs() {
        return jvmArgs;
    }

    public String javaCommand() {
        return javaCommand;
    }

    /** Measures {@code spec} in a fork; {@code work} is a scratch folder of its own. */
    public RowResult run(RowSpec spec, int fork, Path work) throws InterruptedException {
        return run(spec, fork, work, null);
    }

    /**
     * Measures {@code spec} in a fork, its {@code -Xlog:gc,safepoint} going to {@code gcLog} (none
     * when null). A control {@link HiccupMeter} runs in this (idle) process meanwhile: its
     * histogram, tagged with the fork, comes back with the result.
     */
    public RowResult run(RowSpec spec, int fork, Path work, Path gcLog) throws InterruptedException {
        try (HiccupMeter control = new HiccupMeter("pb-hiccup-control")) {
            control.interval();
            RowResult r = launch(spec, fork, work, gcLog);
            org.HdrHistogram.Histogram h = control.interval();
            h.setTag(Integer.toString(fork));
            return r.withControlHiccups(List.of(h));
        }
    }

    private RowResult launch(RowSpec spec, int fork, Path work, Path gcLog) throws InterruptedException {
        try {
            Files.createDirectories(work);
            Path specFile = work.resolve("spec-in.properties");
            try (Writer w = Files.newBufferedWriter(specFile, StandardCharsets.UTF_8)) {
                spec.write(w);
            }
            Path out = work.resolve("out");
            List<String> cmd = new ArrayList<>();
            cmd.add(javaCommand);
            cmd.addAll(jvmArgs);
            if (gcLog != null) {
                Files.createDirectories(gcLog.toAbsolutePath().getParent());
                cmd.add("-Xlog:gc,safepoint:file=\"" + gcLog.toAbsolutePath() + "\":uptime,level,tags");
            }
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(ForkMain.class.getName());
            cmd.add(specFile.toString());
            cmd.add(out.toString());
            cmd.add(Integer.toString(fork));
            Path log = work.resolve("fork.log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Duration limit = timeLimit(spec);
            try {
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return failed(spec, "fork did not finish within " + limit.toSeconds() + " s (killed)");
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                throw e;
            }
            if (process.exitValue() != 0) {
                return failed(spec, "fork exited " + process.exitValue() + ": " + lastLines(log));
            }
            return ForkIO.read(out);
        } catch (IOException e) {
            return failed(spec, "fork could not run: " + e);
        }
    }

    /** Generous: a hang must end the row, a slow engine must not. */
    static Duration timeLimit(RowSpec spec) {
        int phases = 1 + Math.max(1, spec.latencyRates().size());
        long passes = spec.warmups() + (long) spec.iterations() * phases;
        return Duration.ofSeconds(90).plus(spec.duration().multipliedBy(10 * passes));
    }

    private static RowResult failed(RowSpec spec, String why) {
        return new RowResult(spec, "", spec.parallelism(), spec.buffer(), List.of(), why, List.of());
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String first = lines.stream().filter(l -> l.startsWith("poolbench fork failed")).findFirst()
                    .orElse(lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1));
            return first.length() > 300 ? first.substring(0, 300) + "..." : first;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
