package dev.poolbench.harness.cli;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checks a {@code poolbench jmh} command line against the benchmarks in the jar before JMH starts
 * a fork: a regexp that selects nothing, a {@code -p NAME=…} no selected benchmark has, or a value
 * the parameter cannot take are usage errors naming the culprit, instead of JMH's stack traces.
 * The parameters and their values come from the benchmark list JMH generated from the
 * {@code @Param} annotations; a {@code String} parameter takes one of its declared values (the
 * benchmarks look them up by name), an enum one of its constants, a number any number.
 */
final class JmhSelection {

    private JmhSelection() {
    }

    /**
     * @param options  the parsed JMH command line (includes and excludes)
     * @param userArgs the arguments the user gave (only their {@code -p} are checked: --quick's are for whichever
     *                 benchmark has them)
     */
    static void check(CommandLineOptions options, List<String> userArgs) {
        SortedSet<BenchmarkListEntry> selected = BenchmarkList.defaultList().find(silent(), options.getIncludes(),
                options.getExcludes());
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("jmh: no benchmark matches " + (options.getIncludes().isEmpty() ? ".*"
                    : String.join(" or ", options.getIncludes())) + (options.getExcludes().isEmpty() ? ""
                    : " once " + String.join(", ", options.getExcludes()) + " is excluded")
                    + "; 'poolbench jmh -l' lists the benchmarks");
        }
        userParams(userArgs).forEach((name, values) -> checkParam(selected, name, values));
    }

    /** The user's {@code -p NAME=V1,V2} and {@code -pNAME=V}, in order; a later NAME adds to an earlier one. */
    static Map<String, List<String>> userParams(List<String> args) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String spec = a.equals("-p") && i + 1 < args.size() ? args.get(++i)
                    : a.startsWith("-p") && !a.startsWith("-prof") && a.indexOf('=') > 2 ? a.substring(2) : null;
            int eq = spec == null ? -1 : spec.indexOf('=');
            if (eq > 0) {
                params.computeIfAbsent(spec.substring(0, eq), k -> new ArrayList<>())
                        .addAll(Arrays.asList(spec.substring(eq + 1).split(",")));
            }
        }
        return params;
    }

    private static void checkParam(SortedSet<BenchmarkListEntry> selected, String name, List<String> values) {
        TreeSet<String> known = new TreeSet<>();
        boolean found = false;
        for (BenchmarkListEntry b : selected) {
            Map<String, String[]> declared = b.getParams().orElse(Map.of());
            known.addAll(declared.keySet());
            if (!declared.containsKey(name)) {
                continue;
            }
            found = true;
            Optional<Field> field = paramField(b, name);
            for (String v : values) {
                String problem = field.map(f -> problem(f, declared.get(name), v)).orElse(null);
                if (problem != null) {
                    throw new IllegalArgumentException("jmh -p " + name + "=" + v + ": " + simpleName(b) + "'s parameter "
                            + name + " " + problem);
                }
            }
        }
        if (!found) {
            throw new IllegalArgumentException("jmh -p " + name + ": no selected benchmark has a parameter '" + name
                    + "'; theirs: " + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
    }

    /** Why {@code value} does not fit the field, or null when it does. */
    private static String problem(Field field, String[] declared, String value) {
        Class<?> t = field.getType();
        if (t == String.class) {
            return declared.length == 0 || Arrays.asList(declared).contains(value) ? null
                    : "takes " + String.join(", ", declared);
        }
        if (t.isEnum()) {
            List<String> constants = Arrays.stream(t.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            return constants.contains(value) ? null : "takes " + String.join(", ", constants);
        }
        try {
            if (t == int.class || t == Integer.class) {
                Integer.parseInt(value);
            } else if (t == long.class || t == Long.class) {
                Long.parseLong(value);
            } else if (t == short.class || t == Short.class) {
                Short.parseShort(value);
            } else if (t == byte.class || t == Byte.class) {
                Byte.parseByte(value);
            } else if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
                Double.parseDouble(value);
            } else if ((t == boolean.class || t == Boolean.class) && !value.equals("true") && !value.equals("false")) {
                return "takes true or false";
            } else if ((t == char.class || t == Character.class) && value.length() != 1) {
                return "takes one character";
            }
            return null;
        } catch (NumberFormatException e) {
            return "takes a number of type " + t.getSimpleName();
        }
    }

    /**
     * The {@code @Param} field named {@code name}: in the benchmark class or its superclasses, or in a
     * {@code @State} class the benchmark method takes. Loaded without initialising anything.
     */
    private static Optional<Field> paramField(BenchmarkListEntry b, String name) {
        try {
            Class<?> c = Class.forName(b.getUserClassQName(), false, JmhSelection.class.getClassLoader());
            List<Class<?>> holders = new ArrayList<>(List.of(c));
            String method = b.getUsername().substring(b.getUsername().lastIndexOf('.') + 1);
            for (Method m : c.getMethods()) {
                if (m.getName().equals(method)) {
                    holders.addAll(List.of(m.getParameterTypes()));
                }
            }
            for (Class<?> h : holders) {
                for (Class<?> k = h; k != null && k != Object.class; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        if (f.getName().equals(name) && f.isAnnotationPresent(Param.class)) {
                            return Optional.of(f);
                        }
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // a benchmark list without its classes: JMH will say so; the value check is skipped
        }
        return Optional.empty();
    }

    private static String simpleName(BenchmarkListEntry b) {
        String c = b.getUserClassQName();
        return c.substring(c.lastIndexOf('.') + 1);
    }

    private static OutputFormat silent() {
        return OutputFormatFactory.createFormatInstance(new PrintStream(OutputStream.nullOutputStream()),
                VerboseMode.SILENT);
    }
}
