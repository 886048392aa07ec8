package dev.poolbench.kit.broken;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.MethodSelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectIteration;
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
    private static final String[] VOLUME_TESTS = {"exactlyOnceAtVolume"};
    private static final String[] WINDOW_TESTS = {"orderedWindowStaysBoundedWhileTheHeadItemIsStalled"};
    private static final String[] PARALLELISM_TESTS = {"everyStageRunsItsParallelismAtOnce#0"};
    private static final String[] BUFFER_TESTS = {"admitsWhatItsRequestedBuffersAllowAndReportsIt"};
    private static final String[] CONTEXT_TESTS = {"stageCodePollingItsContextSeesTheCancel#0"};
    private static final String[] BLOCKED_TESTS = {"aBlockedSubmitterIsReleased#0"};
    private static final String[] LATE_ERROR_TESTS = {"anErrorAtTheLastStageIsFatalUnderEveryOrdering"};
    private static final String[] SAME_KEY_TESTS = {"oneKeyFromSeveralProducersKeepsOneOrderEverywhere"};
    private static final String[] FOREIGN_TESTS = {"noStageOrSinkRunsOnAThreadOutsideTheFactory"};

    @AfterAll
    static void releaseLeakedThreads() {
        LeaksAThreadEngine.releaseLeakedThreads();
        LeaksAForeignThreadEngine.releaseLeakedThreads();
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
    void theKitCatchesOneItemLostInFiftyThousand() {
        assertCaught(BrokenEngineKits.LosesOneInFiftyThousandKit.class, VOLUME_TESTS, "volume: outputs lost");
    }

    @Test
    void theKitCatchesAnUnboundedOrderedWindow() {
        assertCaught(BrokenEngineKits.UnboundedOrderedWindowKit.class, WINDOW_TESTS, "head item stalled");
    }

    @Test
    void theKitCatchesEveryStageRunningOnOneWorker() {
        assertCaught(BrokenEngineKits.SingleWorkerKit.class, PARALLELISM_TESTS, "parallelism from below");
    }

    @Test
    void theKitCatchesOverReportedBuffers() {
        assertCaught(BrokenEngineKits.OverReportsBuffersKit.class, BUFFER_TESTS, "against the requested");
    }

    @Test
    void theKitCatchesAStageContextThatIgnoresCancel() {
        assertCaught(BrokenEngineKits.IgnoresStageContextCancelKit.class, CONTEXT_TESTS, "saw the cancel");
    }

    @Test
    void theKitCatchesABlockedOfferThatIgnoresCancel() {
        assertCaught(BrokenEngineKits.BlockedOfferIgnoresCancelKit.class, BLOCKED_TESTS, "after cancel: still blocked");
    }

    @Test
    void theKitCatchesAnErrorSwallowedAtStageTwo() {
        assertCaught(BrokenEngineKits.SwallowsAnErrorFromStageTwoKit.class, LATE_ERROR_TESTS,
                "close rethrows an Error of stage");
    }

    @Test
    void theKitCatchesOneKeyReorderedAcrossTwoProducers() {
        assertCaught(BrokenEngineKits.ReordersOneKeyAcrossProducersKit.class, SAME_KEY_TESTS,
                "reached the sink in the order");
    }

    @Test
    void theKitCatchesALeakedForeignThread() {
        assertCaught(BrokenEngineKits.LeaksAForeignThreadKit.class, FOREIGN_TESTS, "foreign leak");
    }

    @Test
    void theSameTestsPassOnTheReferenceEngine() {
        String[] all = Stream.of(OUTCOME_TESTS, ORDER_TESTS, LEAK_TESTS, CANCEL_TESTS, VOLUME_TESTS, WINDOW_TESTS,
                        PARALLELISM_TESTS, BUFFER_TESTS, CONTEXT_TESTS, BLOCKED_TESTS, LATE_ERROR_TESTS, SAME_KEY_TESTS,
                        FOREIGN_TESTS).flatMap(Arrays::stream).map(n -> n.split("#")[0])
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

    /**
     * Runs the named kit methods of {@code kit}; {@code name#i} runs only invocation {@code i} of
     * a parameterised method (a planted bug that waits out a liveness bound needs to be shown once).
     */
    private static TestExecutionSummary run(Class<?> kit, String... methods) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : methods) {
            String[] parts = name.split("#");
            List<Method> found = Arrays.stream(kit.getMethods()).filter(m -> m.getName().equals(parts[0])).toList();
            assertThat(found).as("kit method %s", parts[0]).hasSize(1);
            MethodSelector method = selectMethod(kit, found.get(0));
            selectors.add(parts.length == 1 ? method : selectIteration(method, Integer.parseInt(parts[1])));
        }
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
