package dev.poolbench.harness.cli;

/** Range checks of option values; each failure names the option, the value and what was expected. */
final class OptionChecks {

    private OptionChecks() {
    }

    static int positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " " + v + ": expected an integer >= 1");
        }
        return v;
    }

    static int nonNegative(String option, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(option + " " + v + ": expected an integer >= 0");
        }
        return v;
    }

    static double fraction(String option, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(option + " " + v + ": expected a fraction in 0..1");
        }
        return v;
    }
}
