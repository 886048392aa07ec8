package dev.poolbench.harness.cli;

import dev.poolbench.harness.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code poolbench report DIR...}: writes report.html (self-contained) and report.md (with its
 * PNG charts) from one or more result folders, into the first folder or {@code --out}. A folder
 * without results or a corrupt file exits 2 naming the file and line.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write report.html (self-contained, inline SVG charts) and report.md (PNG charts beside it) "
                + "from result folders: manifest, ranked tables, invalid rows, charts and a recommendation per workload."})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Result folders (from poolbench run).")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: the first DIR).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            OutputFolder.check("--out", out);
        }
        Report.Written w = Report.write(dirs, out != null ? out : dirs.get(0));
        if (w.chartsNotDrawn() > 0) {
            spec.commandLine().getErr().println("poolbench: " + w.chartsNotDrawn()
                    + " chart(s) not drawn (no usable font?); the report says why");
        }
        stdout.println("report: " + w.html().toAbsolutePath());
        stdout.println("report: " + w.markdown().toAbsolutePath());
        stdout.flush();
        return PoolbenchCommand.EXIT_OK;
    }
}
