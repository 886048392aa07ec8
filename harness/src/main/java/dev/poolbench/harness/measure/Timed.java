package dev.poolbench.harness.measure;

/**
 * The envelope an item travels in during a measured pass: the payload (replaced by each
 * stage's output) and the two instants latency is measured from — the <em>intended</em> start
 * of the arrival schedule (no coordinated omission) and the actual submit.
 */
public final class Timed {
    Object value;
    final long intendedNanos;
    long submitNanos;

    Timed(Object value, long intendedNanos) {
        this.value = value;
        this.intendedNanos = intendedNanos;
    }

    public Object value() {
        return value;
    }
}
