package dev.poolbench.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Validation of engine-specific options against what an engine declares. */
public final class EngineOptions {

    private EngineOptions() {
    }

    /**
     * Returns the engine's options with every declared key present (given value or default).
     * Keys of other engines ({@code other.key}) are ignored; an unknown key with this engine's
     * prefix, a key without an engine prefix, or a value outside the declared ones is an
     * {@link IllegalArgumentException} naming the option and the valid values.
     */
    public static Map<String, String> resolve(Engine engine, Map<String, String> given) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (EngineOption option : engine.options()) {
            resolved.put(option.key(), option.defaultValue());
        }
        String prefix = engine.name() + ".";
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new IllegalArgumentException("engine option '" + key
                        + "': expected <engine>.<option>=<value>, e.g. disruptor.wait=yielding");
            }
            if (!key.startsWith(prefix)) {
                continue; // another engine's option
            }
            EngineOption option = engine.options().stream().filter(o -> o.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("engine option '" + key + "': unknown to engine '"
                            + engine.name() + "'; valid: " + synopses(engine)));
            if (!option.values().contains(e.getValue())) {
                throw new IllegalArgumentException("engine option '" + key + "': '" + e.getValue()
                        + "' is invalid; valid values: " + String.join(", ", option.values()));
            }
            resolved.put(key, e.getValue());
        }
        return resolved;
    }

    private static String synopses(Engine engine) {
        if (engine.options().isEmpty()) {
            return "(none)";
        }
        return engine.options().stream().map(EngineOption::synopsis).collect(Collectors.joining(", "));
    }
}
