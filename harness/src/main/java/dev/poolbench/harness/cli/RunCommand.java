package dev.poolbench.harness.cli;





import dev.poolbench.harness.measure.ForkLauncher;
import dev.poolbench.harness.measure.LoadPlan;
import dev.poolbench.harness.measure.Manifest;
import dev.poolbench.harness.measure.RankedTables;
import dev.poolbench.harness.measure.ResultsWriter;
import dev.poolbench.harness.measure.RowResult;
import dev.poolbench.harness.measure.RowSpec;
import dev.poolbench.harness.measure.Rows;


import dev.poolbench.harness.measure.SummaryRow;
import dev.poolbench.harness.report.Report;


import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;


import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;



import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code poolbench run} (the default verb): every selected engine × scenario × profile ×
 * parallelism × buffer, each in forked JVMs, closed-loop throughput then open-loop latency,
 * every pass checked against the {@code sequential} oracle; results into results/&lt;run-id&gt;/
 * and a ranked table per scenario on stdout.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the engines on the route scenarios (the default verb).",
                "Without options: every engine x the standard scenarios, 3 forks per row, throughput and latency at 50%% of "
                        + "the slowest engine's saturation."})
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunSelection selection = new RunSelection();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunSelection.Plan plan = selection.plan(spec.commandLine());
        selection.checkForkJvm(plan);
        Path dir = plan.out();
        Files.createDirectories(dir);
        ForkLauncher launcher = plan.inProcess() ? null : plan.launcher();
        Map<String, String> manifest = Manifest.collect(dir.getFileName().toString(), plan.commandLine(),
                selection.seed, plan.inProcess() ? "in-process (one JVM, --in-process: debugging only)"
                        : "forked, " + selection.forks + " fork(s) per row + 1 throughput-only pilot fork where "
                        + "latency is measured at a fraction of saturation", launcher);
        manifest.put("duration_per_iteration_ms", Long.toString(plan.duration().toMillis()));
        manifest.put("warmups", Integer.toString(plan.warmups()));
        manifest.put("iterations", Integer.toString(plan.iterations()));
        manifest.put("forks", Integer.toString(selection.forks));
        manifest.put("threads_per_fork", "engine threads + 1 load generator per producer + 1 hiccup meter "
                + "(pb-hiccup); the parent runs 1 control hiccup meter while a fork runs");
        ResultsWriter writer = new ResultsWriter(dir);
        AtomicBoolean interrupted = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            main.interrupt();
            try {
                main.join(5_000);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        long forkCount = LoadPlan.forkCount(plan.rows(), selection.forks);
        err.println("poolbench: " + plan.rows().size() + " rows (" + plan.engines().size() + " engines), "
                + forkCount + " forks -> " + dir);
        err.flush();
        List<SummaryRow> summary = List.of();
        List<RowResult> finished = new ArrayList<>();
        try (Progress progress = Progress.create(forkCount)) {
            LoadPlan.ForkRunner runner = (row, fork) -> {
                if (interrupted.get()) {
                    throw new InterruptedException("interrupted");
                }
                if (plan.inProcess()) {
                    return Rows.measureInProcess(row, fork);
                }
                Path work = Files.createTempDirectory("poolbench-fork-");
                try {
                    return launcher.run(row, fork, work, dir.resolve(ResultsWriter.gcLogName(row, fork)));
                } finally {
                    deleteTree(work);
                }
            };
            LoadPlan.run(plan.rows(), selection.forks, runner, new LoadPlan.Listener() {
                @Override
                public void forkDone(RowSpec spec, RowResult result) {
                    progress.step(spec, result);
                }

                @Override
                public void groupDone(List<RowResult> rows) throws java.io.IOException {
                    finished.clear();
                    finished.addAll(rows);
                    manifest.put("finished_utc", java.time.Instant.now().toString());
                    writer.write(manifest, rows);
                }
            });
        } catch (InterruptedException e) {
            err.println("poolbench: interrupted; keeping the " + finished.size() + " finished rows");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
        if (!finished.isEmpty()) {
            summary = writer.write(manifest, finished);
        }
        List<RowResult> done = finished;
        RankedTables.print(out, summary);
        out.println();
        out.println("results: " + dir.toAbsolutePath());
        if (!done.isEmpty()) {
            try {
                out.println("report: " + Report.write(List.of(dir), dir).html().toAbsolutePath());
            } catch (java.io.IOException | RuntimeException e) {
                err.println("poolbench: report not written: " + e.getMessage());
            }
        }
        out.flush();
        boolean invalid = summary.stream().anyMatch(s -> !s.valid());
        if (invalid) {
            err.println("poolbench: some rows are INVALID (an oracle check failed); see invalid_reason in summary.csv");
            return PoolbenchCommand.EXIT_INVALID;
        }
        return interrupted.get() ? PoolbenchCommand.EXIT_INTERNAL : PoolbenchCommand.EXIT_OK;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    /** A progress bar on a terminal; one plain line per finished row otherwise (or when CI is set). */
    private abstract static class Progress implements AutoCloseable {
        static Progress create(long total) {
            boolean tty = System.console() != null && System.getenv("CI") == null;
            if (tty) {
                ProgressBar bar = new ProgressBarBuilder().setTaskName("poolbench").setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setConsumer(
                                new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build();
                return new Progress() {
                    @Override
                    void step(RowSpec row, RowResult r) {
                        bar.setExtraMessage(row.engine() + " " + row.scenario());
                        bar.step();
                    }

                    @Override
                    public void close() {
                        bar.close();
                    }
                };
            }
            return new Progress() {
                private long n;

                @Override
                void step(RowSpec row, RowResult r) {
                    n++;
                    System.err.println("poolbench: [" + n + "/" + total + "] " + (row.latencyRates().isEmpty()
                            && LoadPlan.needsPilot(row) ? "pilot " : "") + Rows.oneLine(r));
                    System.err.flush();
                }

                @Override
                public void close() {
                }
            };
        }

        abstract void step(RowSpec row, RowResult r);

        @Override
        public abstract void close();
    }
}
