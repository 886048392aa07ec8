package dev.poolbench.api;

/** The four pattern shapes; the short name appears in thread names and reports. */
public enum PatternKind {
    WORKER_POOL("pool"),
    PIPELINE("pipeline"),
    FAN_OUT("fanout"),
    MERGE("merge");

    private final String shortName;

    PatternKind(String shortName) {
        this.shortName = shortName;
    }

    public String shortName() {
        return shortName;
    }
}
