package dev.poolbench.harness.cli;

import dev.poolbench.api.Engine;
import dev.poolbench.api.EngineOption;
import dev.poolbench.api.Engines;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.measure.Scenario;
import dev.poolbench.harness.measure.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** {@code poolbench list}: the engines found, with their declared options. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the engines found (with their options), the workload profiles and the scenarios.")
final class ListCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<Engine> engines = Engines.all();
        out.println("Engines (" + engines.size() + "):");
        for (Engine e : engines) {
            out.printf("  %-12s %s%n", e.name(), e.description());
            for (EngineOption o : e.options()) {
                out.printf("  %-12s   %s  (default %s) %s%n", "", o.synopsis(), o.defaultValue(), o.description());
            }
        }
        out.println("Profiles (" + Profile.ALL.size() + "), written name[:key=value]...:");
        for (Profile p : Profile.ALL) {
            out.printf("  %-12s %s%n  %-12s   %s%n", p.name(), p.description(), "", p.spec());
        }
        out.println("Scenarios (" + Scenarios.ALL.size() + "), for --scenarios:");
        for (Scenario s : Scenarios.ALL) {
            out.printf("  %-24s %-8s default profile %-9s %s%n", s.name(), s.pattern().shortName(), s.defaultProfile(),
                    s.description());
        }
        out.flush();
    }
}
