package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after {@code package} (failsafe): the shaded {@code poolbench.jar} carries JMH's generated
 * {@code META-INF/BenchmarkList} naming every benchmark class, so {@code poolbench jmh} finds
 * them — the annotation processor ran and the shade plugin kept its output.
 */
class BenchmarkListIT {

    @Test
    @Timeout(30)
    void theShadedJarListsEveryBenchmark() throws Exception {
        Path jar = Path.of(System.getProperty("poolbench.jar", "target/poolbench.jar"));
        assertThat(jar).as("the shaded jar (run after package)").exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry list = file.getEntry("META-INF/BenchmarkList");
            assertThat(list).as("META-INF/BenchmarkList in " + jar).isNotNull();
            String text;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(file.getInputStream(list),
                    StandardCharsets.UTF_8))) {
                text = r.lines().collect(Collectors.joining("\n"));
            }
            assertThat(text).contains(EngineHandoffBenchmark.class.getName(), RawHandoffBenchmark.class.getName(),
                    BlockingHandoffBenchmark.class.getName(), RouteStageBenchmarks.class.getName(),
                    RawTopologyBenchmark.class.getName(), EngineTopologyBenchmark.class.getName());
            assertThat(file.getEntry(LatencyProfiler.class.getName().replace('.', '/') + ".class")).isNotNull();
        }
        assertThat(Files.size(jar)).isPositive();
    }
}
