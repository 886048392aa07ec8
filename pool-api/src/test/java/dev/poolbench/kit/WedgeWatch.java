package dev.poolbench.kit;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The suite-level watchdog: once an engine has wedged in one test (a {@code close()} or a
 * termination that never came within its liveness bound, or a test that hit its timeout), every
 * later test of that kit class fails at once, naming the first wedge, instead of paying another
 * liveness bound each (35 tests × 20 s made one module's run 13 minutes).
 *
 * <p>A failure marks the class wedged when it is a JUnit timeout or an assertion whose message
 * carries {@link #MARK}; the kit puts the mark on "never terminated" failures only, so an
 * ordinary assertion failure does not stop the other tests.
 */
public final class WedgeWatch implements BeforeEachCallback, TestExecutionExceptionHandler {

    /** Put in the message of a failure that means the engine is stuck. */
    public static final String MARK = "[wedged]";

    private static final ConcurrentHashMap<Class<?>, String> WEDGED = new ConcurrentHashMap<>();

    /** Records that the engine of {@code kit} wedged (the first record wins). */
    public static void record(Class<?> kit, String what) {
        WEDGED.putIfAbsent(kit, what);
    }

    public static boolean isWedged(Class<?> kit) {
        return WEDGED.containsKey(kit);
    }

    /** Fails at once if the engine of {@code kit} wedged in an earlier test. */
    public static void check(Class<?> kit) {
        String first = WEDGED.get(kit);
        if (first != null) {
            throw new AssertionError(MARK + " the engine wedged earlier in this kit (" + first
                    + "); failing at once instead of waiting out another liveness bound");
        }
    }

    /** True if {@code t} means the engine is stuck. */
    public static boolean meansWedged(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || (c.getMessage() != null && c.getMessage().contains(MARK))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        check(context.getRequiredTestClass());
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (meansWedged(thrown) && !String.valueOf(thrown.getMessage()).contains("wedged earlier")) {
            record(context.getRequiredTestClass(), context.getDisplayName() + " of "
                    + context.getRequiredTestMethod().getName() + ": " + firstLine(thrown));
        }
        throw thrown;
    }

    private static String firstLine(Throwable t) {
        String s = t.toString();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
