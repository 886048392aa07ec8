package dev.poolbench.harness.workload;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouteGeneratorTest {

    private static String text(GeneratorConfig cfg) throws IOException {
        StringWriter w = new StringWriter();
        RouteGenerator.write(cfg, w);
        return w.toString();
    }

    @Test
    void sameSeedGivesByteIdenticalStream() throws IOException {
        GeneratorConfig cfg = new GeneratorConfig(11, 20_000, 8, 0.2, 0.2, 1.2, 0.03);
        String a = text(cfg);
        assertThat(text(cfg)).isEqualTo(a);
        assertThat(text(new GeneratorConfig(12, 20_000, 8, 0.2, 0.2, 1.2, 0.03))).isNotEqualTo(a);
        assertThat(a.lines().count()).isEqualTo(20_000);
    }

    @Test
    void mixMatchesTheConfiguration() throws Exception {
        GeneratorConfig cfg = new GeneratorConfig(5, 50_000, 4, 0.2, 0.1, 1.0, 0.02);
        RouteParser parser = new RouteParser();
        RouteValidator validator = new RouteValidator();
        int bad = 0;
        int withdraws = 0;
        int v6 = 0;
        int[] v4len = new int[33];
        Set<Integer> vrfs = new HashSet<>();
        for (RouteLine l : RouteGenerator.list(cfg)) {
            try {
                Route r = validator.validate(parser.parse(l));
                vrfs.add(r.vrf());
                if (r.op() == Op.WITHDRAW) {
                    withdraws++;
                } else if (r.v6()) {
                    v6++;
                } else {
                    v4len[r.length()]++;
                }
            } catch (RouteException e) {
                bad++;
            }
        }
        assertThat(bad).isBetween(700, 1300);          // 2 %
        assertThat(withdraws).isBetween(2000, 3000);   // half of 10 % churn
        assertThat(vrfs).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(v6).isBetween(7000, 10000);
        // IPv4 dominated by /24, then /22 and /23
        assertThat(v4len[24]).isGreaterThan(v4len[22]).isGreaterThan(v4len[21]);
        assertThat(v4len[22] + v4len[23]).isGreaterThan(v4len[20] + v4len[21]);
    }

    @Test
    void tableEqualsTheStreamsNewAnnounces() throws Exception {
        GeneratorConfig cfg = new GeneratorConfig(3, 2000, 2, 0.3, 0.0, 1.0, 0.0);
        List<String> table = new ArrayList<>();
        RouteGenerator.table(cfg.withChurn(0.5).withBadFraction(0.1), 2000, r -> table.add(r.toLine()));
        List<String> stream = RouteGenerator.list(cfg).stream().map(RouteLine::text).toList();
        assertThat(table).isEqualTo(stream);
        assertThat(new HashSet<>(table.stream().map(t -> t.substring(0, t.indexOf(',', 2))).toList()))
                .hasSize(2000); // unique (vrf, prefix)
    }

    @Test
    void partitionGivesDisjointKeysAndKeepsOrder() {
        List<RouteLine> all = RouteGenerator.list(new GeneratorConfig(9, 5000, 4, 0.2, 0.3, 1.5, 0.02));
        List<List<RouteLine>> parts = RouteGenerator.partition(all, 3);
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(all.size());
        List<Set<Long>> keys = new ArrayList<>();
        for (List<RouteLine> p : parts) {
            assertThat(p).isSortedAccordingTo((a, b) -> Long.compare(a.number(), b.number()));
            Set<Long> k = new HashSet<>();
            p.forEach(l -> k.add(RouteKeys.hash(l)));
            keys.add(k);
        }
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                Set<Long> both = new HashSet<>(keys.get(i));
                both.retainAll(keys.get(j));
                assertThat(both).isEmpty();
            }
        }
    }
}
