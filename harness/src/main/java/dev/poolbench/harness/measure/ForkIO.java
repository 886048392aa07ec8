package dev.poolbench.harness.measure;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How a forked JVM hands its {@link RowResult} to the parent: {@code row.properties} (the row's
 * spec and what it ran at), {@code row.csv} (one line per pass, {@link SampleColumns}, lossless
 * numbers) and {@code row.hlog} (one interval histogram per pass and {@link HistogramKind},
 * tagged {@code <phase>-<kind>}, HdrHistogram's own log format).
 */
final class ForkIO {
    private static final List<String> PHASE_COLUMNS = List.of("phase", "mode", "load", "arrival_rate");

    private ForkIO() {
    }

    static void write(RowResult row, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("spec.properties"), StandardCharsets.UTF_8)) {
            row.spec().write(w);
        }
        Properties p = new Properties();
        p.setProperty("pattern", row.pattern());
        p.setProperty("parallelism", Integer.toString(row.parallelism()));
        p.setProperty("buffer", Integer.toString(row.buffer()));
        if (row.error() != null) {
            p.setProperty("error", row.error());
        }
        try (Writer w = Files.newBufferedWriter(dir.resolve("row.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "poolbench row result");
        }
        List<String> header = new ArrayList<>(PHASE_COLUMNS);
        header.addAll(SampleColumns.names());
        try (Writer w = Files.newBufferedWriter(dir.resolve("row.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get().print(w)) {
            for (int i = 0; i < row.phases().size(); i++) {
                PhaseResult ph = row.phases().get(i);
                for (IterationSample s : ph.samples()) {
                    List<Object> line = new ArrayList<>(List.of(i, ph.mode(), ph.load(), ph.arrivalRate()));
                    line.addAll(SampleColumns.values(s, String::valueOf));
                    csv.printRecord(line);
                }
            }
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve("row.hlog")), false,
                StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputLogFormatVersion();
            log.outputStartTime(0);
            log.outputLegend();
            for (int i = 0; i < row.phases().size(); i++) {
                PhaseResult ph = row.phases().get(i);
                for (HistogramKind kind : HistogramKind.values()) {
                    List<Histogram> hs = ph.intervals(kind);
                    for (int k = 0; k < hs.size(); k++) {
                        Histogram h = hs.get(k).copy();
                        h.setTag(i + "-" + kind.label());
                        h.setStartTimeStamp(k * 1000L);
                        h.setEndTimeStamp(k * 1000L + 1000L);
                        log.outputIntervalHistogram(h);
                    }
                }
            }
        }
    }

    static RowResult read(Path dir) throws IOException {
        RowSpec spec;
        try (Reader r = Files.newBufferedReader(dir.resolve("spec.properties"), StandardCharsets.UTF_8)) {
            spec = RowSpec.read(r);
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("row.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        List<PhaseResult> phases = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(dir.resolve("row.csv"), StandardCharsets.UTF_8)) {
            for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                int phase = Integer.parseInt(rec.get("phase"));
                while (phases.size() <= phase) {
                    phases.add(PhaseResult.empty(rec.get("mode"), Double.parseDouble(rec.get("load")),
                            Double.parseDouble(rec.get("arrival_rate"))));
                }
                phases.get(phase).samples().add(SampleColumns.parse(c -> rec.isMapped(c) ? rec.get(c) : null));
            }
        }
        HistogramLogReader log = new HistogramLogReader(dir.resolve("row.hlog").toFile());
        EncodableHistogram e;
        while ((e = log.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) e;
            String[] tag = h.getTag().split("-", 2);
            phases.get(Integer.parseInt(tag[0])).intervals(HistogramKind.ofLabel(tag[1])).add(h);
        }
        return new RowResult(spec, p.getProperty("pattern"), Integer.parseInt(p.getProperty("parallelism")),
                Integer.parseInt(p.getProperty("buffer")), phases, p.getProperty("error"), List.of());
    }
}
