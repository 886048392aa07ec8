package dev.poolbench.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code poolbench}: the top-level command. Verbs are subcommands; usage errors exit 2,
 * internal errors 1. Machine output goes to stdout, diagnostics to stderr.
 */
@Command(name = "poolbench",
        mixinStandardHelpOptions = true,
        versionProvider = PoolbenchCommand.Version.class,
        description = "Compare one worker-pool / pipeline / fan-out-fan-in contract on ExecutorService, "
                + "virtual threads, ForkJoinPool and the LMAX Disruptor.",
        subcommands = {RunCommand.class, ListCommand.class, RoutesCommand.class, VerifyCommand.class, CompareCommand.class, JmhCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
public final class PoolbenchCommand implements Runnable {

    /** Exit codes of SPEC §7. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_REGRESSION = 3;
    public static final int EXIT_INVALID = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        args = withDefaultVerb(args);
        CommandLine cl = new CommandLine(new PoolbenchCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException
                || t instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_INTERNAL);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof IllegalArgumentException) {
                cmd.getErr().println("poolbench: " + ex.getMessage());
                return EXIT_USAGE;
            }
            cmd.getErr().println("poolbench: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
            return EXIT_INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("poolbench: " + ex.getMessage());
            cmd.usage(cmd.getErr());
            return EXIT_USAGE;
        });
        return cl.execute(args);
    }

    /** {@code run} is the default verb: no arguments, or options first, mean {@code run ...}. */
    static String[] withDefaultVerb(String[] args) {
        boolean topLevel = args.length > 0 && java.util.Set.of("-h", "--help", "-V", "--version").contains(args[0]);
        if (args.length == 0 || (args[0].startsWith("-") && !topLevel)) {
            String[] withRun = new String[args.length + 1];
            withRun[0] = "run";
            System.arraycopy(args, 0, withRun, 1, args.length);
            return withRun;
        }
        return args;
    }

    /** The version from the jar manifest (set by the build). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = PoolbenchCommand.class.getPackage().getImplementationVersion();
            return new String[]{"poolbench " + (v == null ? "(development build)" : v),
                    "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
