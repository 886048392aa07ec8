package dev.poolbench.harness.cli;

import dev.poolbench.harness.measure.ForkLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

@Timeout(120)
class JvmArgsProbeTest {

    private static ForkLauncher launcher(String... args) {
        return new ForkLauncher(null, List.of(args), null);
    }

    @Test
    void theForksDefaultArgumentsPass() {
        assertThatNoException().isThrownBy(() -> JvmArgsProbe.check("defaults", launcher(
                ForkLauncher.defaultJvmArgs().toArray(String[]::new))));
    }

    @Test
    void argumentsThatPrintMoreThanAPipeHoldsPassWithoutAHang() {
        assertThatNoException().isThrownBy(() -> JvmArgsProbe.check("flags", launcher("-XX:+PrintFlagsFinal")));
    }

    @Test
    void aTooSmallHeapIsRefusedWithTheJvmsReason() {
        assertThatIllegalArgumentException().isThrownBy(() -> JvmArgsProbe.check("--jvm-args \"-Xmx1k\"",
                        launcher("-Xmx1k")))
                .withMessageStartingWith("--jvm-args \"-Xmx1k\": the fork JVM ")
                .withMessageContaining("refused its arguments \"-Xmx1k\": ")
                .withMessageContaining("heap");
    }

    @Test
    void theMessageDropsTheJvmsBoilerplate() {
        String out = "Unrecognized VM option 'X'\nError: Could not create the Java Virtual Machine.\n"
                + "Error: A fatal exception has occurred. Program will exit.\n";
        assertThat(JvmArgsProbe.message(out, 1)).isEqualTo("Unrecognized VM option 'X'");
        assertThat(JvmArgsProbe.message("", 134)).isEqualTo("exit 134 without a message");
    }
}
