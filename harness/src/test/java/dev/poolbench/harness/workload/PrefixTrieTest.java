package dev.poolbench.harness.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixTrieTest {

    private record P(long hi, long lo, int len, int value) {
        boolean contains(long h, long l) {
            return ((h ^ hi) & Ip.maskHi(len)) == 0 && ((l ^ lo) & Ip.maskLo(len)) == 0;
        }
    }

    /** Longest match by scanning every prefix (last put wins for a duplicate). */
    private static int bruteForce(List<P> table, long hi, long lo) {
        int bestLen = -1;
        int best = PrefixTrie.NONE;
        for (P p : table) {
            if (p.contains(hi, lo) && p.len >= bestLen) {
                bestLen = p.len;
                best = p.value;
            }
        }
        return best;
    }

    @ParameterizedTest(name = "width {0}")
    @ValueSource(ints = {32, 128})
    void lookupMatchesBruteForceOnRandomTables(int width) {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom rng = new SplittableRandom(seed * 7919 + width);
            PrefixTrie trie = new PrefixTrie(width);
            List<P> table = new ArrayList<>();
            // clustered addresses so prefixes nest and share paths
            long baseHi = rng.nextLong();
            int n = 1 + rng.nextInt(400);
            for (int i = 0; i < n; i++) {
                int len = rng.nextInt(width + 1);
                long h0 = width == 32 ? (baseHi ^ ((long) rng.nextInt(1 << 12) << 32)) & 0xffffffff00000000L
                        : baseHi ^ (rng.nextLong() >>> rng.nextInt(64));
                long l0 = width == 32 ? 0 : rng.nextLong();
                long hi = h0 & Ip.maskHi(len);
                long lo = l0 & Ip.maskLo(len);
                int expectedOld = table.stream().filter(p -> p.len == len && p.hi == hi && p.lo == lo)
                        .reduce((a, b) -> b).map(P::value).orElse(PrefixTrie.NONE);
                assertThat(trie.put(hi, lo, len, i)).isEqualTo(expectedOld);
                table.add(new P(hi, lo, len, i));
            }
            for (int q = 0; q < 2000; q++) {
                long hi;
                long lo;
                if (q % 2 == 0) { // near a stored prefix
                    P p = table.get(rng.nextInt(table.size()));
                    hi = p.hi ^ (rng.nextLong() >>> Math.min(63, p.len + rng.nextInt(4)));
                    lo = width == 32 ? 0 : p.lo ^ (rng.nextLong() >>> rng.nextInt(64));
                } else {
                    hi = baseHi ^ (rng.nextLong() >>> rng.nextInt(64));
                    lo = width == 32 ? 0 : rng.nextLong();
                }
                if (width == 32) {
                    hi &= 0xffffffff00000000L;
                }
                assertThat(trie.lookup(hi, lo)).as("seed %d query %d", seed, q).isEqualTo(bruteForce(table, hi, lo));
            }
            for (P p : table) {
                assertThat(trie.get(p.hi, p.lo, p.len)).isEqualTo(bruteForce(
                        table.stream().filter(x -> x.len == p.len && x.hi == p.hi && x.lo == p.lo).toList(), p.hi, p.lo));
            }
        }
    }

    @Test
    void emptyTrieAndDefaultRoute() {
        PrefixTrie t = new PrefixTrie(32);
        assertThat(t.lookup(Ip.v4Hi(0x01020304L), 0)).isEqualTo(PrefixTrie.NONE);
        t.put(0, 0, 0, 5);
        t.put(Ip.v4Hi(0x0a000000L), 0, 8, 6);
        assertThat(t.lookup(Ip.v4Hi(0x01020304L), 0)).isEqualTo(5);
        assertThat(t.lookup(Ip.v4Hi(0x0a0b0c0dL), 0)).isEqualTo(6);
        assertThat(t.size()).isEqualTo(2);
    }

    @Test
    void fibResolvesRecursivelyAndStopsLoops() {
        Fib.Builder b = Fib.builder(1);
        b.connected(0, false, Ip.v4Hi(0xac100000L), 0, 30, 3);                                  // 172.16.0.0/30 -> if 3
        b.recursive(0, false, Ip.v4Hi(0x64400000L), 0, 16, Ip.v4Hi(0xac100001L), 0);            // 100.64/16 via 172.16.0.1
        b.recursive(0, false, Ip.v4Hi(0x01020300L), 0, 24, Ip.v4Hi(0x64400005L), 0);            // 1.2.3/24 via 100.64.0.5
        b.recursive(0, false, Ip.v4Hi(0xc0000200L), 0, 24, Ip.v4Hi(0xc6336401L), 0);            // loop A -> B
        b.recursive(0, false, Ip.v4Hi(0xc6336400L), 0, 24, Ip.v4Hi(0xc0000201L), 0);            // loop B -> A
        b.recursive(0, false, Ip.v4Hi(0x05000000L), 0, 8, Ip.v4Hi(0x05000001L), 0);             // self-loop
        Fib fib = b.build();
        assertThat(fib.resolve(0, false, Ip.v4Hi(0xac100002L), 0)).isEqualTo(3);   // connected, depth 1
        assertThat(fib.resolve(0, false, Ip.v4Hi(0x64400009L), 0)).isEqualTo(3);   // depth 2
        assertThat(fib.resolve(0, false, Ip.v4Hi(0x01020309L), 0)).isEqualTo(3);   // depth 3
        assertThat(fib.resolve(0, false, Ip.v4Hi(0xc0000209L), 0)).isEqualTo(Fib.UNRESOLVED);
        assertThat(fib.resolve(0, false, Ip.v4Hi(0x05060708L), 0)).isEqualTo(Fib.UNRESOLVED);
        assertThat(fib.resolve(0, false, Ip.v4Hi(0x08080808L), 0)).isEqualTo(Fib.UNRESOLVED); // no route
        assertThat(fib.resolve(9, false, Ip.v4Hi(0x64400009L), 0)).isEqualTo(3);   // unknown VRF -> global table
    }
}
