package dev.poolbench.kit.broken;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

/**
 * Proves the conformance kit catches planted bugs (SPEC §3): the kit's test class, bound to each
 * broken engine, is run through the JUnit Platform launcher and must fail, for the reason the bug
 * gives; the same tests bound to {@code sequential} through the same path must all pass.
 *
 * <p>Each broken engine runs the kit tests aimed at its bug rather than the whole class: a
 * cancel-ignoring engine makes every cancel test wait out its liveness bound, and the build has
 * no minutes to spare. The healthy engine's full run is {@code SequentialConformanceTest}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KitHasTeethTest {

    private static final String[] OUTCOME_TESTS = {"exactlyOnceWithFilteringAndFailures", "eightConcurrentProducers",
            "mergeOfThreeProducers", "bufferOneWithEightStagesDoesNotDeadlock"};
    private static final String[] ORDER_TESTS = {"exactlyOnceWithFilteringAndFailures",
            "bufferOneWithEightStagesDoesNotDeadlock", "pipelineWithDifferentParallelismPerStage"};
    private static final String[] LEAK_TESTS = {"noEngineThreadOutlivesTermination", "emptyRunClosesCleanly"};
    private static final String[] CANCEL_TESTS = {"submitAndOfferAfterCancelThrowCancellationException"};

    @AfterAll
    static void releaseLeakedThreads() {
        LeaksAThreadEngine.releaseLeakedThreads();
    }

    @Test
    void theKitCatchesALostItem() {
        assertCaught(BrokenEngineKits.LosesAnItemKit.class, OUTCOME_TESTS, "could not find");
    }

    @Test
    void theKitCatchesADuplicatedItem() {
        assertCaught(BrokenEngineKits.DuplicatesAnItemKit.class, OUTCOME_TESTS, "delivered twice");
    }

    @Test
    void theKitCatchesReorderingUnderOrdered() {
        assertCaught(BrokenEngineKits.ReordersUnderOrderedKit.class, ORDER_TESTS, "ORDERED:");
    }

    @Test
    void theKitCatchesALeakedThread() {
        assertCaught(BrokenEngineKits.LeaksAThreadKit.class, LEAK_TESTS, "(leak)");
    }

    @Test
    void theKitCatchesAnIgnoredCancel() {
        assertCaught(BrokenEngineKits.IgnoresCancelKit.class, CANCEL_TESTS, "after cancel");
    }

    @Test
    void theSameTestsPassOnTheReferenceEngine() {
        String[] all = Stream.of(OUTCOME_TESTS, ORDER_TESTS, LEAK_TESTS, CANCEL_TESTS).flatMap(Arrays::stream)
                .distinct().toArray(String[]::new);
        TestExecutionSummary s = run(BrokenEngineKits.SequentialKit.class, all);
        assertThat(s.getTestsStartedCount()).as("tests run").isGreaterThan(40);
        assertThat(s.getTestsFailedCount() + s.getContainersFailedCount())
                .as("failures on sequential: %s", describe(s)).isZero();
        assertThat(s.getTestsSucceededCount()).isEqualTo(s.getTestsStartedCount());
    }

    private static void assertCaught(Class<?> kit, String[] methods, String why) {
        TestExecutionSummary s = run(kit, methods);
        assertThat(s.getTestsStartedCount()).as("tests run for %s", kit.getSimpleName()).isPositive();
        assertThat(s.getTestsFailedCount()).as("the kit must fail %s", kit.getSimpleName()).isPositive();
        assertThat(describe(s)).as("a failure of %s names the bug", kit.getSimpleName()).contains(why);
    }

    private static TestExecutionSummary run(Class<?> kit, String... methods) {
        List<String> names = Arrays.asList(methods);
        List<MethodSelector> selectors = Arrays.stream(kit.getMethods())
                .filter(m -> names.contains(m.getName()))
                .map(m -> selectMethod(kit, m))
                .toList();
        assertThat(selectors).as("kit methods %s", names).hasSameSizeAs(names);
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        // a launcher of its own, with nothing auto-registered, so the outer run's listeners never see these events
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static String describe(TestExecutionSummary s) {
        List<String> lines = s.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .collect(Collectors.toList());
        return String.join("\n", lines);
    }
}
