package dev.poolbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(300)
class RouteVerbsTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = PoolbenchCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void routesGeneratesAndReportsStatistics() throws Exception {
        Path f = dir.resolve("gen.csv");
        Result r = run("routes", "--generate", "3000", "--seed", "5", "--bad-lines", "0.05", "--out", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(f)).hasSize(3000);
        assertThat(r.out()).contains("format:      vrf,prefix,next_hop[,asn][,op]", "lines:       3000",
                "IPv4 by length:", "/24 ", "vrfs:        4", "bad lines:").containsPattern("first at lines \\d+");
        Result again = run("routes", f.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out().replaceAll("loaded in:.*", "")).isEqualTo(r.out().replaceAll("loaded in:.*", ""));
    }

    @Test
    void fileProblemsExitTwoWithOneLine() throws Exception {
        Result missing = run("routes", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(missing.err().strip()).isEqualTo("poolbench: " + dir.resolve("nope.csv") + ": not found");
        Path bin = dir.resolve("x.bin");
        Files.write(bin, new byte[]{1, 2, 0, 4});
        Result binary = run("verify", "--routes", bin.toString(), "--engines", "sequential");
        assertThat(binary.code()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
        assertThat(binary.err()).contains(bin + ": binary").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void verifyPassesOnTheSequentialEngine() {
        Result r = run("verify", "--engines", "sequential", "--size", "300", "--profiles", "tiny,cpu,blocking:delayMs=0.1");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out().lines()).hasSize(3).allMatch(l -> l.startsWith("sequential") && l.contains(" ok "));
        Result bad = run("verify", "--engines", "nosuch");
        assertThat(bad.code()).isEqualTo(PoolbenchCommand.EXIT_USAGE);
    }
}
