package dev.poolbench.api;

import java.util.List;
import java.util.Objects;

/**
 * An engine-specific option an engine declares: {@code key} is {@code <engine>.<name>}, the
 * value must be one of {@code values}, and {@code defaultValue} is used when none is given.
 */
public record EngineOption(String key, List<String> values, String defaultValue, String description) {
    public EngineOption {
        Objects.requireNonNull(key, "key");
        values = List.copyOf(values);
        Objects.requireNonNull(description, "description");
        if (!values.contains(defaultValue)) {
            throw new IllegalArgumentException("option " + key + ": default '" + defaultValue
                    + "' is not one of " + values);
        }
    }

    /** {@code key=v1|v2|v3}, the form lists and error messages use. */
    public String synopsis() {
        return key + "=" + String.join("|", values);
    }
}
