package dev.poolbench.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registry: every {@link Engine} visible to a class loader through {@link ServiceLoader}. */
public final class Engines {

    /** The order reports use: the reference first, then the four primitives, then anything else by name. */
    private static final List<String> CANONICAL = List.of("sequential", "executor", "virtual", "forkjoin", "disruptor");

    private Engines() {
    }

    /**
     * The engines visible to the current thread's context class loader (which a launcher may
     * extend with engine jars), or else to the loader of this class.
     */
    public static List<Engine> all() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return all(context != null ? context : Engines.class.getClassLoader());
    }

    public static List<Engine> all(ClassLoader loader) {
        List<Engine> engines = new ArrayList<>();
        for (Engine e : ServiceLoader.load(Engine.class, loader)) {
            if (engines.stream().noneMatch(x -> x.name().equals(e.name()))) {
                engines.add(e);
            }
        }
        engines.sort(Comparator.comparingInt((Engine e) -> {
            int i = CANONICAL.indexOf(e.name());
            return i < 0 ? CANONICAL.size() : i;
        }).thenComparing(Engine::name));
        return List.copyOf(engines);
    }

    public static Optional<Engine> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The engine called {@code name}, or an {@link IllegalArgumentException} listing the valid names. */
    public static Engine byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("engine '" + name + "' is unknown; valid: "
                + all().stream().map(Engine::name).collect(Collectors.joining(", "))));
    }
}
