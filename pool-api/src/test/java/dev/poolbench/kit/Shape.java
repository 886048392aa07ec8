package dev.poolbench.kit;

import dev.poolbench.api.PatternKind;

/** The four pattern shapes the kit runs every guarantee against. */
public enum Shape {
    POOL(PatternKind.WORKER_POOL),
    PIPELINE(PatternKind.PIPELINE),
    FAN_OUT(PatternKind.FAN_OUT),
    MERGE(PatternKind.MERGE);

    private final PatternKind kind;

    Shape(PatternKind kind) {
        this.kind = kind;
    }

    public PatternKind kind() {
        return kind;
    }
}
