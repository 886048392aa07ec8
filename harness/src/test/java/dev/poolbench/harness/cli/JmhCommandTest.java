package dev.poolbench.harness.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

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
}
