package dev.poolbench.harness.workload;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeSplitterTest {

    private static List<String> split(String start, String end) {
        long[] s = addr(start);
        long[] e = addr(end);
        boolean v6 = start.contains(":");
        List<String> out = new ArrayList<>();
        int n = RangeSplitter.split(v6, s[0], s[1], e[0], e[1], (hi, lo, len) -> out.add(Ip.format(v6, hi, lo) + "/" + len));
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    private static long[] addr(String a) {
        if (a.contains(":")) {
            long[] v = new long[2];
            assertThat(Ip.parseV6(a, 0, a.length(), v)).isTrue();
            return v;
        }
        return new long[]{Ip.v4Hi(Ip.parseV4(a, 0, a.length())), 0};
    }

    @ParameterizedTest(name = "{0}-{1}")
    @CsvSource(delimiter = '|', value = {
            "1.0.0.0|1.0.0.255|1.0.0.0/24",
            "1.0.0.0|1.0.3.255|1.0.0.0/22",
            "1.0.1.0|1.0.2.255|1.0.1.0/24 1.0.2.0/24",
            "10.0.0.1|10.0.0.6|10.0.0.1/32 10.0.0.2/31 10.0.0.4/31 10.0.0.6/32",
            "0.0.0.0|255.255.255.255|0.0.0.0/0",
            "255.255.255.255|255.255.255.255|255.255.255.255/32",
            "0.0.0.0|0.0.0.0|0.0.0.0/32",
            "128.0.0.0|255.255.255.255|128.0.0.0/1",
            "1.0.4.0|1.0.7.255|1.0.4.0/22",
            "223.255.252.0|223.255.255.254|223.255.252.0/23 223.255.254.0/24 223.255.255.0/25 223.255.255.128/26 "
                    + "223.255.255.192/27 223.255.255.224/28 223.255.255.240/29 223.255.255.248/30 223.255.255.252/31 "
                    + "223.255.255.254/32",
            "2001:db8::|2001:db8:ffff:ffff:ffff:ffff:ffff:ffff|2001:db8::/32",
            "::|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|::/0",
            "2001:db8::1|2001:db8::2|2001:db8::1/128 2001:db8::2/128",
            "2001:db8:0:0:8000::|2001:db8:0:1:7fff:ffff:ffff:ffff|2001:db8:0:0:8000::/65 2001:db8:0:1::/65",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127",
            "2c0f:fff0::|2c0f:fff0:ffff:ffff:ffff:ffff:ffff:ffff|2c0f:fff0::/32",
    })
    void knownSplits(String start, String end, String expected) {
        assertThat(split(start, end)).containsExactly(expected.split(" "));
    }

    @org.junit.jupiter.api.Test
    void startAfterEndIsRejected() {
        assertThatThrownBy(() -> split("1.0.0.1", "1.0.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split("2001:db8::2", "2001:db8::1")).isInstanceOf(IllegalArgumentException.class);
    }
}
