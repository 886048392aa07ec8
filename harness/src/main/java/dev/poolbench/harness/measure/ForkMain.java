package dev.poolbench.harness.measure;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Entry point of a forked measurement JVM: {@code ForkMain <spec.properties> <out-dir> <fork>}.
 * Measures the one row, writes it with {@link ForkIO}, exits 0; on any failure prints it to
 * stderr and exits 1 (the parent marks the row invalid with that message).
 */
public final class ForkMain {

    private ForkMain() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length != 3) {
            System.err.println("usage: ForkMain <spec.properties> <out-dir> <fork>");
            System.exit(2);
        }
        RowSpec spec;
        try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            spec = RowSpec.read(r);
        }
        try {
            RowResult result = RowRunner.measure(spec, Integer.parseInt(args[2]));
            ForkIO.write(result, Path.of(args[1]));
        } catch (Throwable t) {
            System.err.println("poolbench fork failed: " + t);
            t.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
