package dev.poolbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class JmhSelectionTest {

    private static void check(String... args) throws Exception {
        JmhSelection.check(new CommandLineOptions(args), List.of(args));
    }

    @Test
    void declaredValuesAndAnyNumberForANumericParameterPass() {
        assertThatNoException().isThrownBy(() -> check("-p", "engine=virtual,executor", "-p", "pattern=pool",
                "EngineHandoffBenchmark"));
        assertThatNoException().isThrownBy(() -> check("-p", "tablePrefixes=1234", "RouteStageBenchmarks"));
        assertThatNoException().isThrownBy(() -> check("-prof", "gc", "-pplatformCap=50", "BlockingHandoff"));
    }

    @Test
    void parametersAreReadInBothFormsAndProfilersAreNotParameters() {
        Map<String, List<String>> p = JmhSelection.userParams(List.of("-p", "engine=a,b", "-ppattern=pool", "-prof", "gc",
                "-p", "engine=c", "-f", "1"));
        assertThat(p).containsExactly(Map.entry("engine", List.of("a", "b", "c")), Map.entry("pattern", List.of("pool")));
    }
}
