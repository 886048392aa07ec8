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
 * spec and what it ran at), {@code row.csv} (one line per iteration, lossless numbers) and
 * {@code row.hlog} (one interval histogram per iteration and kind, tagged
 * {@code <phase>-latency} / {@code <phase>-service}, HdrHistogram's own log format).
 */
final class ForkIO {
    private static final String[] COLUMNS = {"phase", "mode", "load", "arrival_rate", "fork", "iteration", "items",
            "elapsed_ns", "throughput", "p50_us", "p99_us", "p999_us", "max_us", "cpu_ns_per_item",
            "alloc_bytes_per_item", "peak_threads", "peak_heap_bytes", "valid", "reason"};

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
        try (Writer w = Files.newBufferedWriter(dir.resolve("row.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get().print(w)) {
            for (int i = 0; i < row.phases().size(); i++) {
                PhaseResult ph = row.phases().get(i);
                for (IterationSample s : ph.samples()) {
                    csv.printRecord(i, ph.mode(), ph.load(), ph.arrivalRate(), s.fork(), s.iteration(), s.items(),
                            s.elapsedNanos(), s.throughput(), s.p50Us(), s.p99Us(), s.p999Us(), s.maxUs(),
                            s.cpuNsPerItem(), s.allocBytesPerItem(), s.peakThreads(), s.peakHeapBytes(), s.valid(),
                            s.reason());
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
                for (int k = 0; k < ph.latencyIntervals().size(); k++) {
                    tagged(ph.latencyIntervals().get(k), i + "-latency", k);
                    log.outputIntervalHistogram(ph.latencyIntervals().get(k));
                    tagged(ph.serviceIntervals().get(k), i + "-service", k);
                    log.outputIntervalHistogram(ph.serviceIntervals().get(k));
                }
            }
        }
    }

    private static void tagged(Histogram h, String tag, int interval) {
        h.setTag(tag);
        h.setStartTimeStamp(interval * 1000L);
        h.setEndTimeStamp(interval * 1000L + 1000L);
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
                phases.get(phase).samples().add(new IterationSample(Integer.parseInt(rec.get("fork")),
                        Integer.parseInt(rec.get("iteration")), Long.parseLong(rec.get("items")),
                        Long.parseLong(rec.get("elapsed_ns")), Double.parseDouble(rec.get("throughput")),
                        Double.parseDouble(rec.get("p50_us")), Double.parseDouble(rec.get("p99_us")),
                        Double.parseDouble(rec.get("p999_us")), Double.parseDouble(rec.get("max_us")),
                        Double.parseDouble(rec.get("cpu_ns_per_item")),
                        Double.parseDouble(rec.get("alloc_bytes_per_item")), Integer.parseInt(rec.get("peak_threads")),
                        Long.parseLong(rec.get("peak_heap_bytes")), Boolean.parseBoolean(rec.get("valid")),
                        rec.get("reason")));
            }
        }
        HistogramLogReader log = new HistogramLogReader(dir.resolve("row.hlog").toFile());
        EncodableHistogram e;
        while ((e = log.nextIntervalHistogram()) != null) {
            Histogram h = (Histogram) e;
            String[] tag = h.getTag().split("-", 2);
            PhaseResult ph = phases.get(Integer.parseInt(tag[0]));
            (tag[1].equals("latency") ? ph.latencyIntervals() : ph.serviceIntervals()).add(h);
        }
        return new RowResult(spec, p.getProperty("pattern"), Integer.parseInt(p.getProperty("parallelism")),
                Integer.parseInt(p.getProperty("buffer")), phases, p.getProperty("error"));
    }
}
