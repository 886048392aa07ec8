package dev.poolbench.harness.measure;

import java.util.List;
import java.util.stream.Collectors;

/** The registry of scenarios; the standard run uses all of them. */
public final class Scenarios {

    public static final List<Scenario> ALL = List.of(
            new OneToManyWorkerPool(),
            new FourStageRoutePipeline(),
            new FanOutFanInCombiner(),
            new ThreeToOneMerge(),
            new BlockingAtConcurrency(1_000),
            new BlockingAtConcurrency(10_000),
            new RateLimitedWorker(),
            new CancelUnderLoad());

    private Scenarios() {
    }

    /** The scenario called {@code name}, or an {@link IllegalArgumentException} listing the valid ones. */
    public static Scenario byName(String name) {
        return ALL.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("scenario '" + name + "' is unknown; valid: "
                        + ALL.stream().map(Scenario::name).collect(Collectors.joining(", "))));
    }
}
