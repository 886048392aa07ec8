package dev.poolbench.harness.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One benchmark of a JMH {@code jmh-result.json} (JMH's JSON result format): benchmark, mode,
 * parameters, primary score with its error and unit. A malformed file is reported with its
 * line and column.
 */
public record JmhResult(String benchmark, String mode, String params, double score, double error, String unit) {

    /** Reads every entry of {@code file}. */
    public static List<JmhResult> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage());
        }
        Object root;
        try {
            root = new Json(text).document();
        } catch (Json.Malformed e) {
            throw new IllegalArgumentException(file + ":" + e.line + ": malformed JSON: " + e.getMessage());
        }
        if (!(root instanceof List<?> entries)) {
            throw new IllegalArgumentException(file + ":1: expected a JSON array of JMH results");
        }
        List<JmhResult> out = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> m) || !(m.get("primaryMetric") instanceof Map<?, ?> pm)) {
                throw new IllegalArgumentException(file + ": entry " + (out.size() + 1)
                        + " has no primaryMetric (not a JMH result file?)");
            }
            String params = m.get("params") instanceof Map<?, ?> p
                    ? new TreeMap<>(p).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "))
                    : "";
            out.add(new JmhResult(String.valueOf(m.get("benchmark")), String.valueOf(m.get("mode")), params,
                    number(pm.get("score")), number(pm.get("scoreError")), String.valueOf(pm.get("scoreUnit"))));
        }
        return out;
    }

    private static double number(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) { // JMH writes "NaN" as a string
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** A small JSON reader: objects → Map, arrays → List, numbers → Double, strings, booleans, null. */
    static final class Json {

        static final class Malformed extends RuntimeException {
            final int line;

            Malformed(String message, int line) {
                super(message);
                this.line = line;
            }
        }

        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            skip();
            if (i < s.length()) {
                throw fail("unexpected '" + s.charAt(i) + "' after the document");
            }
            return v;
        }

        private Object value() {
            skip();
            if (i >= s.length()) {
                throw fail("unexpected end of file");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    skip();
                    if (peek('}')) {
                        return m;
                    }
                    do {
                        skip();
                        if (i >= s.length() || s.charAt(i) != '"') {
                            throw fail("expected a string key");
                        }
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                    } while (peek(','));
                    expect('}');
                    return m;
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (peek(']')) {
                        return l;
                    }
                    do {
                        l.add(value());
                        skip();
                    } while (peek(','));
                    expect(']');
                    return l;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    for (String word : new String[]{"true", "false", "null"}) {
                        if (s.startsWith(word, i)) {
                            i += word.length();
                            return word.equals("null") ? null : Boolean.valueOf(word);
                        }
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    try {
                        return Double.parseDouble(s.substring(start, i));
                    } catch (NumberFormatException e) {
                        i = start;
                        throw fail("unexpected '" + c + "'");
                    }
                }
            }
        }

        private String string() {
            i++; // opening quote
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (i >= s.length()) {
                        break;
                    }
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length()) {
                                throw fail("truncated \\u escape");
                            }
                            try {
                                b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            } catch (NumberFormatException bad) {
                                throw fail("bad \\u escape");
                            }
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw fail("unterminated string");
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            skip();
            if (!peek(c)) {
                throw fail("expected '" + c + "'");
            }
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private Malformed fail(String message) {
            int line = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                }
            }
            return new Malformed(message, line);
        }
    }
}
