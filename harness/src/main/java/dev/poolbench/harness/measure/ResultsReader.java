package dev.poolbench.harness.measure;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a result folder back (for {@code compare} and {@code report}): validates each file's
 * header against the columns {@link ResultsWriter} writes, and names the file and line of
 * anything malformed in an {@link IllegalArgumentException} (the CLI's exit 2).
 */
public final class ResultsReader {

    /** One CSV line as column → text, with the line number it came from. */
    public record Line(Path file, long line, Map<String, String> values) {

        public String text(String column) {
            return values.get(column);
        }

        public double number(String column) {
            String v = values.get(column);
            if (v == null || v.isEmpty()) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ":" + line + ": column " + column + ": '" + v
                        + "' is not a number");
            }
        }

        public boolean bool(String column) {
            String v = values.get(column);
            if (!"true".equals(v) && !"false".equals(v)) {
                throw new IllegalArgumentException(file + ":" + line + ": column " + column + ": '" + v
                        + "' is not true or false");
            }
            return Boolean.parseBoolean(v);
        }

        /** The row key (engine … load) as one string, for matching rows across folders. */
        public String key() {
            StringBuilder b = new StringBuilder();
            for (String k : ResultsWriter.KEY) {
                if (!k.equals("pattern")) {
                    b.append(values.get(k)).append('|');
                }
            }
            return b.toString();
        }
    }

    private ResultsReader() {
    }

    public static List<Line> summary(Path dir) {
        return read(dir.resolve("summary.csv"), ResultsWriter.SUMMARY);
    }

    public static List<Line> samples(Path dir) {
        return read(dir.resolve("samples.csv"), ResultsWriter.SAMPLES);
    }

    public static List<Line> histograms(Path dir) {
        return read(dir.resolve("histograms.csv"), ResultsWriter.HISTOGRAMS);
    }

    public static Map<String, String> manifest(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Line l : read(dir.resolve("manifest.csv"), new String[]{"key", "value"})) {
            m.put(l.text("key"), l.text("value"));
        }
        return m;
    }

    /** Reads {@code file}, which must have at least {@code columns} in its header. */
    public static List<Line> read(Path file, String[] columns) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": missing (not a poolbench result folder?)");
        }
        List<Line> out = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<String> header = p.getHeaderNames();
            List<String> missing = Arrays.stream(columns).filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(file + ":1: header lacks column(s) " + String.join(", ", missing));
            }
            for (CSVRecord rec : p) {
                long line = rec.getParser().getCurrentLineNumber();
                if (!rec.isConsistent()) {
                    throw new IllegalArgumentException(file + ":" + line + ": " + rec.size() + " fields, expected "
                            + header.size() + " (truncated or corrupt line)");
                }
                out.add(new Line(file, line, rec.toMap()));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": unreadable: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(file + ": malformed CSV: " + e.getMessage());
        }
        if (out.isEmpty() && !file.getFileName().toString().equals("manifest.csv")) {
            throw new IllegalArgumentException(file + ":2: no data line");
        }
        return out;
    }
}
