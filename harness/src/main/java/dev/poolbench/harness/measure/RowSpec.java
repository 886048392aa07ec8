package dev.poolbench.harness.measure;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything one forked JVM needs to measure one engine × scenario × parameters: the
 * configuration, then the measured phases (closed-loop throughput, then open-loop latency at
 * each absolute rate in {@code latencyRates}). Travels to the fork as a properties file.
 *
 * @param engineOptions   engine-specific options given with {@code --engine-opt}, all engines'
 * @param loads           fractions of the scenario's common saturation rate (labels the latency phases)
 * @param arrivalRate     absolute arrival rate in items/s instead of {@code loads}; 0 = unset
 * @param rateLimit       the contract's rate-limit option, items/s; 0 = none
 * @param routesFile      a route file to use instead of the generator; null = generated
 * @param poisson         Poisson arrivals instead of constant spacing
 * @param latencyRates    the absolute rates (items/s) this fork measures latency at, one per load
 *                        point (or the one arrival rate); empty: a throughput-only fork
 * @param maxWarmup       how long warm-up may go on past {@code warmups} passes while the JIT has
 *                        not settled; zero: exactly {@code warmups} passes
 */
public record RowSpec(String engine, String scenario, String profile, int parallelism, int buffer,
                      Map<String, String> engineOptions, List<Double> loads, double arrivalRate, double rateLimit,
                      int platformCap, Duration duration, int warmups, int iterations, long seed, String routesFile,
                      boolean poisson, List<Double> latencyRates, Duration maxWarmup) {

    /** The default bound of the warm-up that waits for the JIT to settle. */
    public static final Duration DEFAULT_MAX_WARMUP = Duration.ofSeconds(5);

    public RowSpec {
        engineOptions = new TreeMap<>(engineOptions);
        loads = List.copyOf(loads);
        latencyRates = List.copyOf(latencyRates);
    }

    /** A spec without latency rates yet (the scheduler sets them). */
    public RowSpec(String engine, String scenario, String profile, int parallelism, int buffer,
                   Map<String, String> engineOptions, List<Double> loads, double arrivalRate, double rateLimit,
                   int platformCap, Duration duration, int warmups, int iterations, long seed, String routesFile,
                   boolean poisson) {
        this(engine, scenario, profile, parallelism, buffer, engineOptions, loads, arrivalRate, rateLimit, platformCap,
                duration, warmups, iterations, seed, routesFile, poisson, List.of(), DEFAULT_MAX_WARMUP);
    }

    /** The engine options that concern this row's engine, as {@code k=v;k=v} (the row key shows them). */
    public String engineOptionsKey() {
        return engineOptions.entrySet().stream().filter(e -> e.getKey().startsWith(engine + "."))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    public RowSpec withEngine(String name) {
        return new RowSpec(name, scenario, profile, parallelism, buffer, engineOptions, loads, arrivalRate,
                rateLimit, platformCap, duration, warmups, iterations, seed, routesFile, poisson, latencyRates,
                maxWarmup);
    }

    /** This spec with warm-up bounded by {@code max} past its passes (zero: exactly {@code warmups} passes). */
    public RowSpec withMaxWarmup(Duration max) {
        return new RowSpec(engine, scenario, profile, parallelism, buffer, engineOptions, loads, arrivalRate,
                rateLimit, platformCap, duration, warmups, iterations, seed, routesFile, poisson, latencyRates, max);
    }

    /** This spec measuring latency at {@code rates} (empty: throughput only). */
    public RowSpec withLatencyRates(List<Double> rates) {
        return new RowSpec(engine, scenario, profile, parallelism, buffer, engineOptions, loads, arrivalRate,
                rateLimit, platformCap, duration, warmups, iterations, seed, routesFile, poisson, rates, maxWarmup);
    }

    /** The rows that share one offered load: same scenario, profile and requested parallelism and buffer. */
    public String loadGroup() {
        return scenario + "|" + profile + "|" + parallelism + "|" + buffer;
    }

    public void write(Writer out) throws IOException {
        Properties p = new Properties();
        p.setProperty("engine", engine);
        p.setProperty("scenario", scenario);
        p.setProperty("profile", profile);
        p.setProperty("parallelism", Integer.toString(parallelism));
        p.setProperty("buffer", Integer.toString(buffer));
        engineOptions.forEach((k, v) -> p.setProperty("opt." + k, v));
        p.setProperty("loads", join(loads));
        p.setProperty("latencyRates", join(latencyRates));
        p.setProperty("arrivalRate", Double.toString(arrivalRate));
        p.setProperty("rateLimit", Double.toString(rateLimit));
        p.setProperty("platformCap", Integer.toString(platformCap));
        p.setProperty("durationMillis", Long.toString(duration.toMillis()));
        p.setProperty("warmups", Integer.toString(warmups));
        p.setProperty("iterations", Integer.toString(iterations));
        p.setProperty("seed", Long.toString(seed));
        if (routesFile != null) {
            p.setProperty("routesFile", routesFile);
        }
        p.setProperty("poisson", Boolean.toString(poisson));
        p.setProperty("maxWarmupMillis", Long.toString(maxWarmup.toMillis()));
        p.store(out, "poolbench row");
    }

    public static RowSpec read(Reader in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        Map<String, String> opts = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith("opt.")) {
                opts.put(k.substring(4), p.getProperty(k));
            }
        }
        return new RowSpec(p.getProperty("engine"), p.getProperty("scenario"), p.getProperty("profile"),
                Integer.parseInt(p.getProperty("parallelism")), Integer.parseInt(p.getProperty("buffer")), opts,
                doubles(p.getProperty("loads", "")), Double.parseDouble(p.getProperty("arrivalRate")),
                Double.parseDouble(p.getProperty("rateLimit")), Integer.parseInt(p.getProperty("platformCap")),
                Duration.ofMillis(Long.parseLong(p.getProperty("durationMillis"))),
                Integer.parseInt(p.getProperty("warmups")), Integer.parseInt(p.getProperty("iterations")),
                Long.parseLong(p.getProperty("seed")), p.getProperty("routesFile"),
                Boolean.parseBoolean(p.getProperty("poisson")), doubles(p.getProperty("latencyRates", "")),
                Duration.ofMillis(Long.parseLong(p.getProperty("maxWarmupMillis",
                        Long.toString(DEFAULT_MAX_WARMUP.toMillis())))));
    }

    private static String join(List<Double> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Double> doubles(String text) {
        List<Double> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(Double.parseDouble(s));
            }
        }
        return out;
    }
}
