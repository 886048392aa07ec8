package dev.poolbench.harness.compare;

import dev.poolbench.harness.measure.ForkLauncher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One side of an A/B comparison: which {@code java} runs its forks (with that JVM's version,
 * checked to be 21 or newer), with which JVM arguments, on which class path (a poolbench jar of
 * another build, or this JVM's).
 *
 * @param name        "A" or "B"
 * @param launcher    runs this side's forks
 * @param javaVersion {@code java.runtime.version} of the side's JVM
 * @param javaVendor  {@code java.vendor} of the side's JVM
 * @param build       "current build" or the jar given
 */
public record Side(String name, ForkLauncher launcher, String javaVersion, String javaVendor, String build) {

    /** Oldest Java feature release poolbench runs on. */
    public static final int MIN_JAVA = 21;

    /**
     * Builds a side.
     *
     * @param option   the option prefix for messages, e.g. {@code --b}
     * @param javaHome a JDK home folder, or null for this JVM's
     * @param baseArgs the JVM args every side starts from (the forks' defaults or {@code --jvm-args})
     * @param sideArgs this side's extra JVM args (space-separated), or null
     * @param jar      this side's poolbench jar, or null for this JVM's class path
     * @param extraCp  more class path entries (engine jars), may be empty
     * @param thisCp   this JVM's class path for the forks
     */
    public static Side of(String name, String option, Path javaHome, List<String> baseArgs, String sideArgs, Path jar,
                          String extraCp, String thisCp) {
        String java;
        String version;
        String vendor;
        if (javaHome == null) {
            java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            version = System.getProperty("java.runtime.version");
            vendor = System.getProperty("java.vendor");
        } else {
            Path bin = Files.isRegularFile(javaHome) ? javaHome : javaHome.resolve("bin").resolve("java");
            if (!Files.isExecutable(bin)) {
                throw new IllegalArgumentException(option + "-java " + javaHome + ": no executable " + bin
                        + " (expected a JDK home folder)");
            }
            java = bin.toString();
            Map<String, String> props = properties(java, option + "-java " + javaHome);
            String spec = props.getOrDefault("java.specification.version", "");
            int feature;
            try {
                feature = spec.startsWith("1.") ? Integer.parseInt(spec.substring(2)) : Integer.parseInt(spec);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + "-java " + javaHome + ": cannot tell the Java version of "
                        + java + " (java.specification.version '" + spec + "')");
            }
            if (feature < MIN_JAVA) {
                throw new IllegalArgumentException(option + "-java " + javaHome + ": Java " + spec + "; poolbench needs "
                        + MIN_JAVA + " or newer");
            }
            version = props.getOrDefault("java.runtime.version", spec);
            vendor = props.getOrDefault("java.vendor", "unknown");
        }
        String cp;
        if (jar != null) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException(option + "-jar " + jar + ": no such file");
            }
            cp = jar.toAbsolutePath() + extraCp;
        } else {
            cp = thisCp + extraCp;
        }
        List<String> args = mergeJvmArgs(baseArgs, sideArgs == null ? List.of()
                : Arrays.stream(sideArgs.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList());
        return new Side(name, new ForkLauncher(java, args, cp), version, vendor,
                jar == null ? "current build" : jar.toString());
    }

    /**
     * The base arguments plus the side's, where a side argument replaces every base argument of
     * the same option: {@code -Xmx…}, {@code -Xms…}, {@code -Xss…}, {@code -Xmn…}, one GC choice
     * ({@code -XX:+Use…GC}) replaces another, {@code -XX:[+-]Name[=v]} replaces the same Name,
     * {@code -Dkey=…} the same key. Anything else is appended.
     */
    static List<String> mergeJvmArgs(List<String> base, List<String> side) {
        List<String> out = new ArrayList<>();
        for (String b : base) {
            if (side.stream().noneMatch(s -> sameOption(b, s))) {
                out.add(b);
            }
        }
        out.addAll(side);
        return out;
    }

    static boolean sameOption(String x, String y) {
        return optionName(x).equals(optionName(y));
    }

    private static String optionName(String a) {
        for (String p : List.of("-Xmx", "-Xms", "-Xss", "-Xmn")) {
            if (a.startsWith(p)) {
                return p;
            }
        }
        if (a.matches("-XX:[+-]Use[A-Za-z0-9]*GC")) {
            return "gc";
        }
        if (a.startsWith("-XX:")) {
            String n = a.substring(4);
            if (n.startsWith("+") || n.startsWith("-")) {
                n = n.substring(1);
            }
            int eq = n.indexOf('=');
            return "-XX:" + (eq < 0 ? n : n.substring(0, eq));
        }
        if (a.startsWith("-D")) {
            int eq = a.indexOf('=');
            return eq < 0 ? a : a.substring(0, eq);
        }
        return a;
    }

    /** The system properties a {@code java} reports with {@code -XshowSettings:properties -version}. */
    private static Map<String, String> properties(String java, String what) {
        try {
            Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalArgumentException(what + ": '" + java + " -version' failed");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : out.split("\\R")) {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    m.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
                }
            }
            return m;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot run " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException(what + ": interrupted while checking " + java);
        }
    }

    /** Short description for the Markdown table. */
    public String describe() {
        return "java " + javaVersion + " (" + launcher.javaCommand() + ")";
    }
}
