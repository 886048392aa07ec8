package dev.poolbench.harness.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteFileLoaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertProblem(Path f, String problem) {
        assertThatThrownBy(() -> RouteFileLoader.load(f, l -> { }))
                .isInstanceOf(RouteFileException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(f + ": ")
                .hasMessageContaining(problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void fileLevelProblems() throws IOException {
        assertProblem(dir.resolve("missing.csv"), "not found");
        assertProblem(dir, "is a directory");
        assertProblem(file("empty.csv", ""), "empty (0 bytes)");
        assertProblem(file("blank.csv", "\n# only a comment\n   \n"), "empty (no data lines in 3 lines)");
        Path bin = dir.resolve("bin.dat");
        Files.write(bin, new byte[]{'0', ',', 1, 0, 2, 3});
        assertProblem(bin, "binary (NUL byte at offset 3)");
        Path latin = dir.resolve("latin1.csv");
        Files.write(latin, new byte[]{'0', ',', '1', '.', '0', '.', '0', '.', '0', '/', '8', ',', (byte) 0xe9, '\n'});
        assertProblem(latin, "not UTF-8 text (line 1)");
        assertProblem(file("prose.txt", "# header\nhello world, this is, prose\n0,10.0.0.0/8,1.1.1.1\n"),
                "no line in either format (line 2 is neither");
        Path unreadable = file("locked.csv", "0,10.0.0.0/8,1.1.1.1\n");
        if (unreadable.toFile().setReadable(false) && !Files.isReadable(unreadable)) { // not when run as root
            assertProblem(unreadable, "not readable");
        }
    }

    @Test
    void routesFormatWithHeaderCommentsAndBadLines() throws Exception {
        Path f = file("r.csv", "vrf,prefix,next_hop,asn,op\n# comment\n0,10.0.0.0/8,192.0.2.1,1,A\n\nbroken line\n"
                + "1,2001:db8::/32,fd00::1,2,W\n0,10.0.0.1/8,192.0.2.1\n");
        List<RouteLine> items = new ArrayList<>();
        RouteFileLoader.Summary s = RouteFileLoader.load(f, items::add);
        assertThat(s.format()).isEqualTo(RouteFileLoader.Format.ROUTES);
        assertThat(s.lines()).isEqualTo(7);
        assertThat(s.dataLines()).isEqualTo(4);
        assertThat(items).extracting(RouteLine::number).containsExactly(3L, 5L, 6L, 7L);
        RouteFileStats stats = RouteFileStats.of(f);
        assertThat(stats.malformed()).isEqualTo(1);
        assertThat(stats.invalid()).isEqualTo(1);
        assertThat(stats.firstBadLines()).containsExactly(5L, 7L);
        assertThat(stats.prefixes(false, 8)).isEqualTo(1);
        assertThat(stats.prefixes(true, 32)).isEqualTo(1);
        assertThat(stats.vrfCount()).isEqualTo(2);
    }

    @Test
    void rangesFormatSplitsIntoPrefixesWithQuotedOrgs() throws Exception {
        Path f = file("ip2asn.csv", String.join("\n",
                "1.0.0.0,1.0.0.255,13335,\"CLOUDFLARENET, US\"",
                "1.0.1.0,1.0.2.255,0,Not routed",
                "1.0.4.0,1.0.7.255,38803,\"GTELECOM-AUSTRALIA, \"\"Gtelecom\"\" Pty\"",
                "10.0.0.1,10.0.0.6,64512",
                "2001:db8::,2001:db8:ffff:ffff:ffff:ffff:ffff:ffff,AS64496,\"Doc, Example\"",
                "1.2.3.4,2001:db8::1,1,x",
                "9.9.9.9,8.8.8.8,1",
                "1.1.1.1,1.1.1.2",
                "") + "\n");
        assertThat(RouteFileLoader.detect("1.0.0.0,1.0.0.255,13335,\"A, B\"")).isEqualTo(RouteFileLoader.Format.RANGES);
        List<RouteLine> items = new ArrayList<>();
        RouteFileLoader.Summary s = RouteFileLoader.load(f, items::add);
        assertThat(s.format()).isEqualTo(RouteFileLoader.Format.RANGES);
        assertThat(s.unroutedRanges()).isEqualTo(1);
        RouteParser parser = new RouteParser();
        List<String> prefixes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RouteLine l : items) {
            try {
                Route r = new RouteValidator().validate(parser.parse(l));
                prefixes.add(l.number() + ":" + r.prefixText() + ":" + r.asn());
                assertThat(r.nhHi()).isEqualTo(Topology.peerNextHop(r.asn(), r.v6())[0]);
            } catch (RouteException e) {
                problems.add(e.line() + ":" + e.reason());
            }
        }
        assertThat(prefixes).containsExactly("1:1.0.0.0/24:13335", "3:1.0.4.0/22:38803", "4:10.0.0.1/32:64512",
                "4:10.0.0.2/31:64512", "4:10.0.0.4/31:64512", "4:10.0.0.6/32:64512", "5:2001:db8::/32:64496");
        assertThat(problems).containsExactly("6:start and end differ in address family", "7:start after end",
                "8:too few fields (expected start,end,asn[,org])");
    }

    @Test
    void loadStopsAtTheItemLimit() throws Exception {
        Path f = file("big.csv", "1.0.0.0,1.0.0.255,1\n10.0.0.1,10.0.0.6,2\n1.0.4.0,1.0.7.255,3\n");
        List<RouteLine> items = new ArrayList<>();
        RouteFileLoader.Summary s = RouteFileLoader.load(f, 3, items::add);
        assertThat(items).hasSize(3);
        assertThat(s.truncated()).isTrue();
    }
}
