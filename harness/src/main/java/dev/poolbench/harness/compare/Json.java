package dev.poolbench.harness.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * A small strict JSON reader (RFC 8259) for jmh-result.json (compare and report share it): objects become {@link Obj}, arrays
 * {@link Arr} (both remember the line they start on, for error messages), strings
 * {@link String}, numbers {@link Double}, {@code true}/{@code false} {@link Boolean}, and
 * {@code null} {@link #NULL}. Any syntax error is an {@link IllegalArgumentException} naming the
 * file and line.
 */
public final class Json {

    /** JSON {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON object, with the line of its opening brace. */
    public static final class Obj extends LinkedHashMap<String, Object> {
        final int line;

        Obj(int line) {
            this.line = line;
        }
    }

    /** A JSON array, with the line of its opening bracket. */
    public static final class Arr extends ArrayList<Object> {
        final int line;

        Arr(int line) {
            this.line = line;
        }
    }

    private final String s;
    private final Path file;
    private int pos;
    private int line = 1;

    private Json(String text, Path file) {
        this.s = text;
        this.file = file;
    }

    /** Parses {@code text} (the content of {@code file}, named in errors). */
    public static Object parse(String text, Path file) {
        Json j = new Json(text, file);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.pos < j.s.length()) {
            throw j.error("unexpected '" + j.s.charAt(j.pos) + "' after the top-level value");
        }
        return v;
    }

    IllegalArgumentException error(String what) {
        return new IllegalArgumentException(file + ":" + line + ": malformed JSON: " + what);
    }

    private Object value() {
        if (pos >= s.length()) {
            throw error("unexpected end of file (truncated?)");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected '" + c + "'");
            }
        };
    }

    private Obj object() {
        Obj o = new Obj(line);
        pos++;
        ws();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            String name = string();
            ws();
            expect(':');
            ws();
            o.put(name, value());
            ws();
            char c = next();
            if (c == '}') {
                return o;
            }
            if (c != ',') {
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private Arr array() {
        Arr a = new Arr(line);
        pos++;
        ws();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            ws();
            a.add(value());
            ws();
            char c = next();
            if (c == ']') {
                return a;
            }
            if (c != ',') {
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++; // opening quote
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\n') {
                throw error("line break inside a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 4 > s.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private Double number() {
        int start = pos;
        while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
            pos++;
        }
        String t = s.substring(start, pos);
        if (!t.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw error("bad number '" + t + "'");
        }
        return Double.parseDouble(t);
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) {
            throw error("unexpected '" + s.charAt(pos) + "'");
        }
        pos += word.length();
        return v;
    }

    private void ws() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= s.length()) {
            throw error("unexpected end of file (truncated?)");
        }
        return s.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }
}
