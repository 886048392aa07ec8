package dev.poolbench.harness.measure;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The environment a run measured in (manifest.csv): machine, OS, JVM and its flags, GC, the
 * build's git commit and whether the tree was dirty, the SHA-256 of the jar that ran (a jar copied
 * out of its checkout has no commit to ask git for, but two runs of one build share the hash),
 * seed and the full command line. Results from different manifests are not comparable without
 * saying so.
 */
public final class Manifest {

    private Manifest() {
    }

    public static Map<String, String> collect(String runId, List<String> commandLine, long seed, String mode,
                                              ForkLauncher forks) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("started_utc", Instant.now().toString());
        m.put("poolbench_version", String.valueOf(Manifest.class.getPackage().getImplementationVersion()));
        m.put("command", String.join(" ", commandLine));
        m.put("seed", Long.toString(seed));
        m.put("execution", mode);
        m.put("cpu_model", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("memory_bytes", Long.toString(os.getTotalMemorySize()));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jvm_vendor", System.getProperty("java.vm.vendor"));
        m.put("jvm_version", System.getProperty("java.runtime.version"));
        m.put("jvm_name", System.getProperty("java.vm.name"));
        m.put("java_home", System.getProperty("java.home"));
        m.put("jvm_flags_parent", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        if (forks != null) {
            m.put("fork_java", forks.javaCommand());
            m.put("jvm_flags", String.join(" ", forks.jvmArgs()));
            m.put("gc", gcOf(forks.jvmArgs()));
        } else {
            m.put("jvm_flags", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
            m.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                    .collect(Collectors.joining("+")));
        }
        m.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain", "--untracked-files=no");
        m.put("git_dirty", status.equals("unknown") ? "unknown" : Boolean.toString(!status.isEmpty()));
        m.put("build_sha256", buildHash());
        return m;
    }

    /** The running jar's SHA-256; "classes" when the code runs from a classes folder (an IDE, the tests). */
    private static String buildHash() {
        try {
            Path code = codeSource();
            return Files.isDirectory(code) ? "classes" : sha256Of(code);
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The SHA-256 of {@code file}'s bytes, lower-case hex. */
    static String sha256Of(Path file) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (var in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    private static String gcOf(List<String> flags) {
        for (String f : flags) {
            if (f.startsWith("-XX:+Use") && f.endsWith("GC")) {
                return f.substring("-XX:+Use".length());
            }
        }
        return "default";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /** Where this code was loaded from: poolbench.jar, or a classes folder. */
    private static Path codeSource() throws java.net.URISyntaxException {
        return Path.of(Manifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** The folder of the build that is running: where poolbench.jar (or the classes) lie. */
    private static java.io.File buildFolder() {
        try {
            Path code = codeSource();
            return (Files.isDirectory(code) ? code : code.getParent()).toFile();
        } catch (Exception e) {
            return new java.io.File(".");
        }
    }

    private static String git(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = "git";
            System.arraycopy(args, 0, cmd, 1, args.length);
            Process p = new ProcessBuilder(cmd).directory(buildFolder()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
