package dev.poolbench.harness.cli;





import dev.poolbench.harness.measure.ForkLauncher;
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
                "Without options: every engine x the standard scenarios, 1 fork, throughput and latency at 50%% load."})
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
                selection.seed, plan.inProcess() ? "in-process (one JVM, --quick)" : "forked, " + selection.forks
                        + " fork(s) per row", launcher);
        manifest.put("duration_per_iteration_ms", Long.toString(plan.duration().toMillis()));
        manifest.put("warmups", Integer.toString(plan.warmups()));
        manifest.put("iterations", Integer.toString(plan.iterations()));
        ResultsWriter writer = new ResultsWriter(dir);
        List<RowResult> done = new ArrayList<>();
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
        err.println("poolbench: " + plan.rows().size() + " rows (" + plan.engines().size() + " engines) -> " + dir);
        err.flush();
        List<SummaryRow> summary = List.of();
        try (Progress progress = Progress.create(plan.rows().size() * (long) selection.forks)) {
            for (RowSpec row : plan.rows()) {
                if (interrupted.get()) {
                    break;
                }
                List<RowResult> forks = new ArrayList<>();
                for (int f = 0; f < (plan.inProcess() ? 1 : selection.forks); f++) {
                    forks.add(plan.inProcess() ? Rows.measureInProcess(row, f)
                            : launcher.run(row, f, Files.createTempDirectory("poolbench-fork-")));
                    progress.step(row, forks.get(forks.size() - 1));
                }
                done.add(Rows.merge(forks));
                manifest.put("finished_utc", java.time.Instant.now().toString());
                summary = writer.write(manifest, done);
            }
        } catch (InterruptedException e) {
            err.println("poolbench: interrupted; keeping the " + done.size() + " finished rows");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running
            }
        }
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
                    System.err.println("poolbench: [" + n + "/" + total + "] " + Rows.oneLine(r));
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
