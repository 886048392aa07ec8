package dev.poolbench.harness.workload;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;

/**
 * The {@code validate} stage: prefix length within the family's range, host bits zero, vrf
 * within {@code 0..}{@value #MAX_VRF}, asn within 32 bits, and for an announce a next hop that
 * is not martian, unspecified or multicast ({@link Ip#isMartianNextHop}). An invalid route
 * throws {@link RouteException} of kind INVALID with the reason; a valid one passes unchanged.
 * Stateless and thread-safe.
 */
public final class RouteValidator implements Stage<Route, Route> {

    /** Highest VRF id accepted. */
    public static final int MAX_VRF = 4095;

    @Override
    public Route apply(Route route, StageContext ctx) throws RouteException {
        return validate(route);
    }

    public Route validate(Route r) throws RouteException {
        int width = Ip.width(r.v6());
        if (r.length() > width) {
            throw invalid(r, "prefix length " + r.length() + " out of range 0.." + width);
        }
        if ((r.hi() & ~Ip.maskHi(r.length())) != 0 || (r.lo() & ~Ip.maskLo(r.length())) != 0) {
            throw invalid(r, "host bits set in prefix (beyond /" + r.length() + ")");
        }
        if (r.vrf() < 0 || r.vrf() > MAX_VRF) {
            throw invalid(r, "vrf " + r.vrf() + " out of range 0.." + MAX_VRF);
        }
        if (r.asn() > 0xffff_ffffL) {
            throw invalid(r, "asn " + r.asn() + " out of range 0..4294967295");
        }
        if (r.op() == Op.ANNOUNCE && Ip.isMartianNextHop(r.v6(), r.nhHi(), r.nhLo())) {
            throw invalid(r, "next hop " + Ip.format(r.v6(), r.nhHi(), r.nhLo())
                    + " is martian, unspecified or multicast");
        }
        return r;
    }

    private static RouteException invalid(Route r, String reason) {
        return new RouteException(RouteException.Kind.INVALID, r.line(), r.toLine(), reason);
    }
}
