package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The values of {@code disruptor.wait}: which Disruptor {@link WaitStrategy} the handlers of an
 * instance use while they wait for the producers or for the handlers before them. Spinning
 * strategies ({@code yielding}, {@code busyspin}) never give their core away; when an instance
 * would run more handler threads than there are cores with one of them, a warning is printed
 * once per JVM on stderr.
 */
enum WaitChoice {
    /**
     * The default: {@code sleeping}, except for a single-stage topology (worker pool, fan-out,
     * merge) with more than {@value #AUTO_THREADS_PER_CORE} handler threads per core, which gets
     * {@code blocking}. Measured here (2 cores): a worker pool of 2 handlers moved ~0.8 M items/s
     * with sleeping against ~0.5 M with blocking; a pool of 200 handlers over blocking installs
     * moved 24 k items/s at 2.6 ms CPU per item with sleeping (200 threads waking every ~60 µs)
     * against 63 k at 27 µs with blocking. Chains stay on sleeping whatever their size: under
     * {@code BlockingWaitStrategy} every handler that waits for an upstream handler spins.
     */
    AUTO("auto", false),
    BLOCKING("blocking", false),
    SLEEPING("sleeping", false),
    YIELDING("yielding", true),
    BUSYSPIN("busyspin", true);

    private static final AtomicBoolean WARNED = new AtomicBoolean();
    static final int AUTO_THREADS_PER_CORE = 4;

    private final String optionValue;
    private final boolean spinning;

    WaitChoice(String optionValue, boolean spinning) {
        this.optionValue = optionValue;
        this.spinning = spinning;
    }

    String optionValue() {
        return optionValue;
    }

    boolean spinning() {
        return spinning;
    }

    /** The concrete choice for an instance of {@code stages} stages and {@code handlerThreads} handler threads. */
    WaitChoice resolve(int stages, int handlerThreads) {
        if (this != AUTO) {
            return this;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return stages == 1 && handlerThreads > AUTO_THREADS_PER_CORE * cores ? BLOCKING : SLEEPING;
    }

    /** A fresh strategy object (a blocking strategy holds a monitor per ring). */
    WaitStrategy newStrategy() {
        return switch (this) {
            case AUTO -> throw new IllegalStateException("resolve(handlerThreads) first");
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSYSPIN -> new BusySpinWaitStrategy();
        };
    }

    static List<String> optionValues() {
        return Arrays.stream(values()).map(WaitChoice::optionValue).toList();
    }

    static WaitChoice fromOption(String value) {
        for (WaitChoice c : values()) {
            if (c.optionValue.equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("engine option '" + DisruptorEngine.WAIT + "': '" + value
                + "' is invalid; valid values: " + String.join(", ", optionValues()));
    }

    /** Prints the oversubscription warning once per JVM when a spinning strategy gets more threads than cores. */
    void warnIfOversubscribed(int handlerThreads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (spinning && handlerThreads > cores && WARNED.compareAndSet(false, true)) {
            System.err.println("poolbench disruptor: warning: " + DisruptorEngine.WAIT + "=" + optionValue
                    + " runs " + handlerThreads + " spinning handler threads on " + cores
                    + " cores; they will steal CPU from each other (use blocking or sleeping). Shown once.");
        }
    }
}
