package dev.poolbench.harness.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A named, parameterised cost profile of the route workload. {@link #instantiate} yields a
 * fresh {@link RouteWorkload} (stages, blocking hint, key function, oracle). Every profile takes
 * the failure-injection parameters {@code throwRate} (share of items whose resolve stage throws)
 * and {@code badLines} (share of bad lines in a generated input).
 *
 * <p>Written as {@code name[:key=value]...}, e.g. {@code blocking:delayMs=2:throwRate=0.01}.
 */
public record Profile(String name, String description, Map<String, String> params) {

    /** The profiles, with their defaults. */
    public static final List<Profile> ALL = List.of(
            new Profile("tiny", "hand-off only: four pass-through stages, install adds the item to a digest",
                    defaults()),
            new Profile("cpu", "the real route work: parse, validate, recursive LPM resolve, install into the RIB",
                    defaults()),
            new Profile("blocking", "cpu, and install waits delayMs per item (a RIB-store RPC); blocking hint set",
                    defaults("delayMs", "1")),
            new Profile("mixed", "cpu, and a blockingFraction of items wait delayMs in install; blocking hint set",
                    defaults("blockingFraction", "0.1", "delayMs", "1")),
            new Profile("skewed", "cpu plus Pareto(alpha) extra work per item in resolve, minWork..maxWork mixing steps",
                    defaults("alpha", "1.5", "minWork", "100", "maxWork", "200000")));

    public Profile {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The profile {@code spec} names, its defaults overridden by the spec's parameters. */
    public static Profile parse(String spec) {
        String[] parts = spec.strip().split(":");
        Profile base = ALL.stream().filter(p -> p.name.equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile '" + parts[0] + "' is unknown; valid: "
                        + ALL.stream().map(Profile::name).collect(Collectors.joining(", "))));
        Map<String, String> p = new LinkedHashMap<>(base.params);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = eq < 0 ? parts[i] : parts[i].substring(0, eq);
            if (eq < 0 || !p.containsKey(key)) {
                throw new IllegalArgumentException("profile '" + base.name + "' parameter '" + parts[i]
                        + "' is invalid; expected key=value with key one of " + String.join(", ", p.keySet()));
            }
            p.put(key, parts[i].substring(eq + 1));
        }
        Profile out = new Profile(base.name, base.description, p);
        out.validate();
        return out;
    }

    /** This profile with one parameter changed. */
    public Profile with(String key, String value) {
        return parse(name + ":" + key + "=" + value + params.entrySet().stream()
                .filter(e -> !e.getKey().equals(key))
                .map(e -> ":" + e.getKey() + "=" + e.getValue()).collect(Collectors.joining()));
    }

    /** A numeric parameter. */
    public double param(String key) {
        String v = params.get(key);
        if (v == null) {
            throw new IllegalArgumentException("profile '" + name + "' has no parameter '" + key + "'");
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("profile '" + name + "' parameter " + key + ": '" + v
                    + "' is not a number");
        }
    }

    /** A fresh instance (its own RIB) resolving in {@code fib}. */
    public RouteWorkload instantiate(Fib fib) {
        return new RouteWorkload(this, fib);
    }

    /** {@code name:key=value:...} */
    public String spec() {
        return name + params.entrySet().stream().map(e -> ":" + e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining());
    }

    private void validate() {
        fraction("throwRate");
        fraction("badLines");
        if (params.containsKey("blockingFraction")) {
            fraction("blockingFraction");
        }
        if (params.containsKey("delayMs") && !(param("delayMs") >= 0 && param("delayMs") <= 60_000)) {
            throw new IllegalArgumentException("profile '" + name + "' parameter delayMs: " + params.get("delayMs")
                    + " is invalid; expected 0..60000");
        }
        if (params.containsKey("alpha")) {
            if (!(param("alpha") > 0)) {
                throw new IllegalArgumentException("profile '" + name + "' parameter alpha: " + params.get("alpha")
                        + " is invalid; expected > 0");
            }
            if (!(param("minWork") >= 0 && param("maxWork") >= param("minWork"))) {
                throw new IllegalArgumentException("profile '" + name
                        + "' parameters minWork/maxWork: expected 0 <= minWork <= maxWork");
            }
        }
    }

    private void fraction(String key) {
        double v = param(key);
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("profile '" + name + "' parameter " + key + ": " + params.get(key)
                    + " is invalid; expected a fraction in 0..1");
        }
    }

    private static Map<String, String> defaults(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        m.put("throwRate", "0");
        m.put("badLines", "0");
        return m;
    }

    @Override
    public String toString() {
        return spec();
    }
}
