package dev.poolbench.harness.workload;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteParserValidatorTest {

    private final RouteParser parser = new RouteParser();
    private final RouteValidator validator = new RouteValidator();

    private Route check(String text) throws RouteException {
        return validator.validate(parser.parse(new RouteLine(7, text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "0,10.1.0.0/16,192.0.2.1|false|10.1.0.0/16|192.0.2.1|0|ANNOUNCE",
            "3,1.2.3.0/24,100.64.0.9,13335,A|false|1.2.3.0/24|100.64.0.9|13335|ANNOUNCE",
            " 12 , 0.0.0.0/0 , 172.16.0.1 , AS65000 , announce |false|0.0.0.0/0|172.16.0.1|65000|ANNOUNCE",
            "1,203.0.113.7/32,,,W|false|203.0.113.7/32|0.0.0.0|0|WITHDRAW",
            "0,2001:db8::/32,fd00::1,64512,A|true|2001:db8::/32|fd00::1|64512|ANNOUNCE",
            "4095,::/0,2001:db8::1:2|true|::/0|2001:db8::1:2|0|ANNOUNCE",
            "2,2a00:1450:4001::/48,::ffff:1:0a00:1|true|2a00:1450:4001::/48|::ffff:1:a00:1|0|ANNOUNCE",
            "0,2001:db8:0:0:0:0:0:0/128,fe80::1,4200000000,withdraw|true|2001:db8::/128|fe80::1|4200000000|WITHDRAW",
            "0,64:ff9b::/96,2001:db8::192.0.2.33|true|64:ff9b::/96|2001:db8::c000:221|0|ANNOUNCE",
    })
    void validLines(String text, boolean v6, String prefix, String nextHop, long asn, Op op) throws Exception {
        Route r = check(text);
        assertThat(r.v6()).isEqualTo(v6);
        assertThat(r.prefixText()).isEqualTo(prefix);
        assertThat(Ip.format(v6, r.nhHi(), r.nhLo())).isEqualTo(nextHop);
        assertThat(r.asn()).isEqualTo(asn);
        assertThat(r.op()).isEqualTo(op);
        assertThat(r.line()).isEqualTo(7);
        assertThat(check(r.toLine())).isEqualTo(r); // the line form round-trips
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "garbage|MALFORMED|too few fields",
            "0,10.0.0.0/8|MALFORMED|too few fields",
            "0,10.0.0.0/8,1.1.1.1,1,A,extra|MALFORMED|too many fields",
            "x,10.0.0.0/8,1.1.1.1|MALFORMED|vrf is not a number",
            "0,10.0.0.0,1.1.1.1|MALFORMED|no /length",
            "0,10.0.0.0/x,1.1.1.1|MALFORMED|prefix length is not a number",
            "0,300.0.0.0/8,1.1.1.1|MALFORMED|not an IPv4 address",
            "0,10.0.0/8,1.1.1.1|MALFORMED|not an IPv4 address",
            "0,2001:db8::g/32,fd00::1|MALFORMED|not an IPv6 address",
            "0,2001:db8:::/32,fd00::1|MALFORMED|not an IPv6 address",
            "0,1:2:3:4:5:6:7:8:9/128,fd00::1|MALFORMED|not an IPv6 address",
            "0,10.0.0.0/8,fd00::1|MALFORMED|family differs",
            "0,2001:db8::/32,1.1.1.1|MALFORMED|family differs",
            "0,10.0.0.0/8,,1,A|MALFORMED|next hop is missing",
            "0,10.0.0.0/8,1.1.1.1,12x|MALFORMED|asn is not a number",
            "0,10.0.0.0/8,1.1.1.1,1,X|MALFORMED|op is not",
            "0,10.0.0.0/33,1.1.1.1|INVALID|prefix length 33 out of range 0..32",
            "0,2001:db8::/129,fd00::1|INVALID|prefix length 129 out of range 0..128",
            "0,10.0.0.1/8,1.1.1.1|INVALID|host bits set",
            "0,2001:db8::1/64,fd00::1|INVALID|host bits set",
            "4096,10.0.0.0/8,1.1.1.1|INVALID|vrf 4096 out of range",
            "0,10.0.0.0/8,1.1.1.1,4294967296|INVALID|asn 4294967296 out of range",
            "0,10.0.0.0/8,127.0.0.1|INVALID|martian",
            "0,10.0.0.0/8,0.0.0.0|INVALID|martian",
            "0,10.0.0.0/8,224.0.0.5|INVALID|martian",
            "0,10.0.0.0/8,255.255.255.255|INVALID|martian",
            "0,10.0.0.0/8,169.254.1.1|INVALID|martian",
            "0,2001:db8::/32,::|INVALID|martian",
            "0,2001:db8::/32,::1|INVALID|martian",
            "0,2001:db8::/32,ff02::5|INVALID|martian",
            "0,2001:db8::/32,::ffff:10.0.0.1|INVALID|martian",
    })
    void invalidLines(String text, RouteException.Kind kind, String reason) {
        assertThatThrownBy(() -> check(text)).isInstanceOfSatisfying(RouteException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).startsWith("line 7: ");
        });
    }

    @Test
    void loaderReasonIsReportedByParse() {
        assertThatThrownBy(() -> parser.parse(new RouteLine(3, "1.2.3.4,x,5", "end is not an IP address")))
                .isInstanceOfSatisfying(RouteException.class, e -> {
                    assertThat(e.reason()).isEqualTo("end is not an IP address");
                    assertThat(e.text()).isEqualTo("1.2.3.4,x,5");
                    assertThat(e.line()).isEqualTo(3);
                });
    }

    @Test
    void keyOfLineEqualsKeyOfParsedRoute() throws Exception {
        for (String text : new String[]{"3,1.2.3.0/24,100.64.0.9,13335,A", " 3 , 1.2.3.0/24 ,,,W",
                "0,2001:db8:0::/48,fd00::1", "0,2001:db8::/48,fd00::2,1,W"}) {
            RouteLine l = new RouteLine(1, text);
            assertThat(RouteKeys.hash(l)).as(text).isEqualTo(RouteKeys.hash(parser.parse(l)));
        }
        assertThat(RouteKeys.hash(new RouteLine(1, "0,2001:db8::/48,fd00::1")))
                .isNotEqualTo(RouteKeys.hash(new RouteLine(1, "1,2001:db8::/48,fd00::1")));
        // never throws, even on garbage
        assertThat(RouteKeys.key(new RouteLine(1, ""))).isNotNull();
        assertThat(RouteKeys.key(new RouteLine(1, ",,,,"))).isNotNull();
    }
}
