package dev.poolbench.harness.measure;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of an {@link IterationSample} in CSV (the fork's hand-off and {@code samples.csv}):
 * one per record component, named in snake case ({@code cpuEngineNsPerItem} →
 * {@code cpu_engine_ns_per_item}) but for the few whose file name carries its unit. Written and
 * read by the same list, so a new measure travels from the fork to the results without a
 * second list to keep in step.
 */
public final class SampleColumns {
    private static final Map<String, String> RENAMED = Map.of("throughput", "throughput_ops_s",
            "achievedRate", "achieved_rate_ops_s", "reason", "invalid_reason");
    private static final RecordComponent[] COMPONENTS = IterationSample.class.getRecordComponents();
    private static final List<String> NAMES = Arrays.stream(COMPONENTS).map(c -> column(c.getName())).toList();

    private SampleColumns() {
    }

    /** The column names, in order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The values of {@code s}, in column order; numbers through {@code number}. */
    static List<Object> values(IterationSample s, Function<Double, String> number) {
        List<Object> out = new ArrayList<>(COMPONENTS.length);
        for (RecordComponent c : COMPONENTS) {
            Object v;
            try {
                v = c.getAccessor().invoke(s);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            out.add(v instanceof Double d ? number.apply(d) : v);
        }
        return out;
    }

    /** A sample from a line's values by column name ({@code get} returns null for a missing column). */
    public static IterationSample parse(Function<String, String> get) {
        Object[] args = new Object[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            String text = get.apply(NAMES.get(i));
            Class<?> type = COMPONENTS[i].getType();
            args[i] = parse(text == null ? "" : text, type, NAMES.get(i));
        }
        try {
            Constructor<IterationSample> ctor = IterationSample.class.getDeclaredConstructor(
                    Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object parse(String text, Class<?> type, String column) {
        try {
            if (type == String.class) {
                return text;
            }
            if (type == boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (type == int.class) {
                return text.isEmpty() ? 0 : Integer.parseInt(text);
            }
            if (type == long.class) {
                return text.isEmpty() ? 0L : Long.parseLong(text);
            }
            return text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("column " + column + ": '" + text + "' is not a number");
        }
    }

    static String column(String component) {
        String renamed = RENAMED.get(component);
        if (renamed != null) {
            return renamed;
        }
        StringBuilder b = new StringBuilder();
        for (char ch : component.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
