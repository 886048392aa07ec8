package dev.poolbench.harness.jmh;

/** The values {@code 0 … n-1} boxed once, so that handing a {@code Long} on allocates nothing. */
final class BoxedValues {

    private BoxedValues() {
    }

    static Long[] of(int n) {
        Long[] values = new Long[n];
        for (int i = 0; i < n; i++) {
            values[i] = (long) i;
        }
        return values;
    }
}
