package dev.poolbench.api.support;

import dev.poolbench.api.Failure;
import dev.poolbench.api.PatternFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureCollectorTest {

    private static Failure failure(String input, Throwable cause) {
        return new Failure(input, "stage", cause);
    }

    @Test
    void anErrorAfterAnExceptionWinsAndKeepsTheExceptionSuppressed() {
        FailureCollector c = new FailureCollector();
        IllegalStateException first = new IllegalStateException("first");
        AssertionError error = new AssertionError("later, but an Error");
        assertThat(c.record(failure("a", first))).as("the first failure cancels").isTrue();
        assertThat(c.record(failure("b", error))).as("the instance is already cancelled").isFalse();
        Throwable outcome = c.outcome(null);
        assertThat(outcome).isSameAs(error);
        assertThat(outcome.getSuppressed()).containsExactly(first);
        assertThat(c.first().cause()).isSameAs(error);
        assertThat(c.outcome(null)).as("the same outcome on every call").isSameAs(outcome);
    }

    @Test
    void anErrorFirstStaysFirstAndLaterExceptionsAreSuppressed() {
        FailureCollector c = new FailureCollector();
        AssertionError error = new AssertionError("first");
        IllegalStateException later = new IllegalStateException("later");
        c.record(failure("a", error));
        c.record(failure("b", later));
        c.record(failure("c", new AssertionError("a second Error does not replace the first")));
        Throwable outcome = c.outcome(null);
        assertThat(outcome).isSameAs(error);
        assertThat(outcome.getSuppressed()).hasSize(2).contains(later);
    }

    @Test
    void exceptionsOnlyGiveAPatternFailedExceptionOfTheFirst() {
        FailureCollector c = new FailureCollector();
        IllegalStateException first = new IllegalStateException("first");
        c.record(failure("a", first));
        for (int i = 0; i < 40; i++) {
            c.record(failure("x" + i, new IllegalArgumentException("later " + i)));
        }
        Throwable outcome = c.outcome(null);
        assertThat(outcome).isInstanceOf(PatternFailedException.class).hasCause(first);
        assertThat(outcome.getSuppressed()).hasSize(FailureCollector.MAX_SUPPRESSED);
    }
}
