package dev.poolbench.harness.report;

import dev.poolbench.harness.measure.Scenario;
import dev.poolbench.harness.measure.Scenarios;

/**
 * What a recommendation is made for: one scenario under one cost profile (the profile text
 * includes the parameters that differ from its defaults, e.g. {@code blocking:delayMs=2}).
 */
public record Workload(String scenario, String profile) {

    /** "BlockingAt10000 / blocking". */
    public String title() {
        return scenario + " / " + profile;
    }

    /** The scenario's one-line description, or empty for a scenario this build does not know. */
    public String description() {
        return Scenarios.ALL.stream().filter(s -> s.name().equals(scenario)).map(Scenario::description)
                .findFirst().orElse("");
    }

    /** A name usable in file names and HTML ids. */
    public String slug() {
        return (scenario + "-" + profile).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }
}
