package dev.poolbench.harness.workload;

/**
 * Parameters of the synthetic route stream.
 *
 * @param seed        same seed and parameters give a byte-identical stream
 * @param count       lines to generate
 * @param vrfs        VRF ids 0..vrfs-1
 * @param v6Fraction  share of IPv6 prefixes among new announces
 * @param churn       share of lines that touch an already announced prefix again (half
 *                    withdraws, half re-announces with a new next hop)
 * @param zipf        Zipf exponent of the key chosen by a churn line (0 = uniform; larger =
 *                    more skew towards the first announced prefixes)
 * @param badFraction share of lines replaced by a malformed or invalid line
 */
public record GeneratorConfig(long seed, long count, int vrfs, double v6Fraction, double churn, double zipf,
                              double badFraction) {

    public GeneratorConfig {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " is invalid; expected >= 0");
        }
        if (vrfs < 1 || vrfs > RouteValidator.MAX_VRF + 1) {
            throw new IllegalArgumentException("vrfs: " + vrfs + " is invalid; expected 1.." + (RouteValidator.MAX_VRF + 1));
        }
        fraction("v6Fraction", v6Fraction);
        fraction("churn", churn);
        fraction("badFraction", badFraction);
        if (!(zipf >= 0) || Double.isInfinite(zipf)) {
            throw new IllegalArgumentException("zipf: " + zipf + " is invalid; expected a number >= 0");
        }
    }

    /** 4 VRFs, 15 % IPv6, 10 % churn, Zipf 1.0, no bad lines. */
    public static GeneratorConfig defaults(long seed, long count) {
        return new GeneratorConfig(seed, count, 4, 0.15, 0.10, 1.0, 0.0);
    }

    public GeneratorConfig withCount(long n) {
        return new GeneratorConfig(seed, n, vrfs, v6Fraction, churn, zipf, badFraction);
    }

    public GeneratorConfig withBadFraction(double f) {
        return new GeneratorConfig(seed, count, vrfs, v6Fraction, churn, zipf, f);
    }

    public GeneratorConfig withChurn(double c) {
        return new GeneratorConfig(seed, count, vrfs, v6Fraction, c, zipf, badFraction);
    }

    public GeneratorConfig withVrfs(int v) {
        return new GeneratorConfig(seed, count, v, v6Fraction, churn, zipf, badFraction);
    }

    private static void fraction(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + ": " + v + " is invalid; expected a fraction in 0..1");
        }
    }
}
