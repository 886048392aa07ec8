package dev.poolbench.harness.cli;

import dev.poolbench.harness.workload.GeneratorConfig;
import dev.poolbench.harness.workload.RouteFileStats;
import dev.poolbench.harness.workload.RouteGenerator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code poolbench routes FILE}: loads and checks a route file and prints its statistics;
 * {@code --generate N --out FILE} first writes a synthetic one. File-level problems exit 2
 * with one line naming the file and the problem.
 */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = {"Load and check a route file (vrf,prefix,next_hop[,asn][,op] or ip-range-to-ASN "
                + "start,end,asn[,org]) and print its statistics.",
                "With --generate N --out FILE, first write a synthetic route file (same seed, same bytes)."})
final class RoutesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The route file to check.")
    Path file;

    @Option(names = "--generate", paramLabel = "N", description = "Generate N lines into --out first.")
    Long generate;

    @Option(names = "--out", paramLabel = "FILE", description = "Where --generate writes.")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--vrfs", defaultValue = "4", description = "VRFs (default ${DEFAULT-VALUE}).")
    int vrfs;

    @Option(names = "--v6", defaultValue = "0.15", description = "IPv6 share of new prefixes (default ${DEFAULT-VALUE}).")
    double v6;

    @Option(names = "--churn", defaultValue = "0.1", description = "Share of withdraw/re-announce lines (default ${DEFAULT-VALUE}).")
    double churn;

    @Option(names = "--zipf", defaultValue = "1.0", description = "Zipf exponent of churned keys (default ${DEFAULT-VALUE}).")
    double zipf;

    @Option(names = "--bad-lines", defaultValue = "0.0", description = "Share of bad lines (default ${DEFAULT-VALUE}).")
    double badLines;

    /** The generator's own parameter names as the options that set them, so its messages name the option. */
    private static final Map<String, String> OPTION_OF = Map.of("count", "--generate", "vrfs", "--vrfs",
            "v6Fraction", "--v6", "churn", "--churn", "zipf", "--zipf", "badFraction", "--bad-lines");

    private GeneratorConfig generatorConfig() {
        try {
            return new GeneratorConfig(seed, generate, vrfs, v6, churn, zipf, badLines);
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            int colon = m.indexOf(':');
            String option = colon > 0 ? OPTION_OF.get(m.substring(0, colon)) : null;
            throw option == null ? e : new IllegalArgumentException(option + m.substring(colon));
        }
    }

    @Override
    public Integer call() throws IOException {
        if (generate != null) {
            if (out == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--generate needs --out FILE");
            }
            GeneratorConfig cfg = generatorConfig();
            try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                RouteGenerator.write(cfg, w);
            } catch (IOException e) {
                throw new IllegalArgumentException(out + ": cannot write (" + e.getMessage() + ")");
            }
            spec.commandLine().getErr().printf("wrote %d lines to %s (seed %d)%n", generate, out, seed);
            if (file == null) {
                file = out;
            }
        }
        if (file == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing FILE (or --generate N --out FILE)");
        }
        RouteFileStats.of(file).print(spec.commandLine().getOut());
        return PoolbenchCommand.EXIT_OK;
    }
}
