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
 * each load point or at a fixed arrival rate). Travels to the fork as a properties file.
 *
 * @param engineOptions   engine-specific options given with {@code --engine-opt}, all engines'
 * @param loads           fractions of the measured saturation rate for the latency phase
 * @param arrivalRate     absolute arrival rate in items/s instead of {@code loads}; 0 = unset
 * @param rateLimit       the contract's rate-limit option, items/s; 0 = none
 * @param routesFile      a route file to use instead of the generator; null = generated
 * @param poisson         Poisson arrivals instead of constant spacing
 */
public record RowSpec(String engine, String scenario, String profile, int parallelism, int buffer,
                      Map<String, String> engineOptions, List<Double> loads, double arrivalRate, double rateLimit,
                      int platformCap, Duration duration, int warmups, int iterations, long seed, String routesFile,
                      boolean poisson) {

    public RowSpec {
        engineOptions = new TreeMap<>(engineOptions);
        loads = List.copyOf(loads);
    }

    /** The engine options that concern this row's engine, as {@code k=v;k=v} (the row key shows them). */
    public String engineOptionsKey() {
        return engineOptions.entrySet().stream().filter(e -> e.getKey().startsWith(engine + "."))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    public RowSpec withEngine(String name) {
        return new RowSpec(name, scenario, profile, parallelism, buffer, engineOptions, loads, arrivalRate,
                rateLimit, platformCap, duration, warmups, iterations, seed, routesFile, poisson);
    }

    public void write(Writer out) throws IOException {
        Properties p = new Properties();
        p.setProperty("engine", engine);
        p.setProperty("scenario", scenario);
        p.setProperty("profile", profile);
        p.setProperty("parallelism", Integer.toString(parallelism));
        p.setProperty("buffer", Integer.toString(buffer));
        engineOptions.forEach((k, v) -> p.setProperty("opt." + k, v));
        p.setProperty("loads", loads.stream().map(String::valueOf).collect(Collectors.joining(",")));
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
        List<Double> loads = new ArrayList<>();
        for (String s : p.getProperty("loads", "").split(",")) {
            if (!s.isBlank()) {
                loads.add(Double.parseDouble(s));
            }
        }
        return new RowSpec(p.getProperty("engine"), p.getProperty("scenario"), p.getProperty("profile"),
                Integer.parseInt(p.getProperty("parallelism")), Integer.parseInt(p.getProperty("buffer")), opts,
                loads, Double.parseDouble(p.getProperty("arrivalRate")), Double.parseDouble(p.getProperty("rateLimit")),
                Integer.parseInt(p.getProperty("platformCap")),
                Duration.ofMillis(Long.parseLong(p.getProperty("durationMillis"))),
                Integer.parseInt(p.getProperty("warmups")), Integer.parseInt(p.getProperty("iterations")),
                Long.parseLong(p.getProperty("seed")), p.getProperty("routesFile"),
                Boolean.parseBoolean(p.getProperty("poisson")));
    }
}
