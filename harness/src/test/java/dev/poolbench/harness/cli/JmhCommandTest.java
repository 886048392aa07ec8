package dev.poolbench.harness.cli;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The JMH command line {@code poolbench jmh} builds, and its listing mode. */
class JmhCommandTest {

    private final Path dir = Path.of("results", "r1");

    @Test
    void addsResultFileProfilerAndFailOnErrorByDefault() {
        List<String> args = JmhCommand.jmhArguments(List.of("-p", "engine=virtual", "Engine"), false, dir);
        assertThat(String.join(" ", args)).isEqualTo("-p engine=virtual Engine -prof dev.poolbench.harness.jmh.LatencyProfiler"
                + " -foe true -rf json -rff " + dir.resolve("jmh-result.json"));
    }

    @Test
    void quickAddsOnlyWhatTheUserDidNotGive() {
        List<String> args = JmhCommand.jmhArguments(List.of("-i", "3", "-p", "tablePrefixes=5000", "-rff", "x.json"),
                true, dir);
        assertThat(String.join(" ", args)).isEqualTo("-i 3 -p tablePrefixes=5000 -rff x.json -f 1 -wi 1 -w 200ms -r 300ms"
                + " -prof dev.poolbench.harness.jmh.LatencyProfiler -foe true");
    }

    @Test
    void aGivenFormatNamesTheFile() {
        List<String> args = JmhCommand.jmhArguments(List.of("-rf", "CSV"), false, dir);
        assertThat(args).containsSubsequence("-rf", "CSV", "-rff", dir.resolve("jmh-result.csv").toString());
    }

    @Test
    void listsTheBenchmarksThroughTheCli() {
        StringWriter err = new StringWriter();
        int code = PoolbenchCommand.execute(new String[]{"jmh", "-l", "Handoff"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
    }

    @Test
    void aBadJmhOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = PoolbenchCommand.execute(new String[]{"jmh", "-f", "many"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("poolbench: jmh:");
    }

    @Test
    void roundsPoolOneForkOfEachRoundIntoTheTablesAndTheResultFile(@TempDir Path out) throws IOException {
        StringWriter err = new StringWriter();
        // -f 0: in this JVM, so the test stays short; each round is one sample all the same
        int code = PoolbenchCommand.execute(new String[]{"jmh", "--rounds", "2", "--out", out.toString(),
                        "-f", "0", "-wi", "0", "-i", "1", "-r", "100ms", "-p", "engine=sequential", "-p", "pattern=pool",
                        "EngineHandoffBenchmark"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.resolve("round-1/jmh-result.json")).exists();
        assertThat(out.resolve("round-2/jmh-result.json")).exists();
        // two forks pooled: the cell shows a median and a range
        assertThat(Files.readString(out.resolve("jmh-summary.md")))
                .containsPattern(Pattern.compile("\\| pool \\| sequential \\| [0-9.,]+ \\[[0-9.,]+–[0-9.,]+\\] \\|"));
        String pooled = Files.readString(out.resolve("jmh-result.json"));
        assertThat(pooled).contains("EngineHandoffBenchmark.roundTrip").contains("\"forks\" : 2,")
                .contains("\"engine\" : \"sequential\"").contains("\"pattern\" : \"pool\"");
        assertThat(Files.readString(out.resolve("round-1/jmh-result.json"))).contains("\"forks\" : 0,");
        String rawData = pooled.substring(pooled.indexOf("\"rawData\""));
        assertThat(rawData.substring(0, rawData.indexOf("]\n            ]")).split("\\[").length - 1)
                .as("the primary metric's rows, one per fork").isEqualTo(3); // the outer bracket + 2 forks
    }

    @Test
    void roundsMustBePositiveAndLeaveTheResultFileToOut() {
        for (String[] bad : new String[][]{{"jmh", "--rounds", "0", "Handoff"},
                {"jmh", "--rounds", "2", "-rff", "x.json", "Handoff"}}) {
            StringWriter err = new StringWriter();
            int code = PoolbenchCommand.execute(bad, new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).isEqualTo(PoolbenchCommand.EXIT_USAGE);
            assertThat(err.toString()).contains("poolbench: jmh: --rounds");
        }
    }
}
