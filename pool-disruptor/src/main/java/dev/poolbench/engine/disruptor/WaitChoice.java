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
     * The default. {@code parking} when the ring is mostly idle or mostly waiting: when the
     * pattern has a rate limit (an open loop; under {@code sleeping} each handler thread wakes
     * every ~60 µs whatever happens, which cost ~250 µs CPU per item in RateLimitedWorker against
     * ~40 µs for the other engines), and for a single-stage topology (worker pool, fan-out, merge)
     * with more than {@value #AUTO_THREADS_PER_CORE} handler threads per core (BlockingAt1000,
     * 200 handlers, loaded 2-core machine, quick run: parking 66 k items/s at 20 µs CPU per item,
     * blocking 13.5 k at 2.2 ms, because under {@code BlockingWaitStrategy} the fan-in spins on
     * its upstream handlers; the README's earlier sleeping figure there: 24 k at 2.6 ms).
     * Otherwise, closed loops, {@code sleeping}: it kept the lead on throughput (a worker pool of
     * 2 handlers moved ~0.8 M items/s with sleeping against ~0.5 M with blocking, and parking was
     * ~20 % behind sleeping on OneToManyWorkerPool in a quick run).
     */
    AUTO("auto", false),
    BLOCKING("blocking", false),
    /** {@link ParkingWaitStrategy}: blocks on the cursor and on upstream handlers alike, woken by progress. */
    PARKING("parking", false),
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

    /**
     * The concrete choice for an instance of {@code stages} stages and {@code handlerThreads}
     * handler threads; {@code rateLimited}: admission is capped by the pattern's rate limit.
     */
    WaitChoice resolve(int stages, int handlerThreads, boolean rateLimited) {
        if (this != AUTO) {
            return this;
        }
        if (rateLimited) {
            return PARKING;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return stages == 1 && handlerThreads > AUTO_THREADS_PER_CORE * cores ? PARKING : SLEEPING;
    }

    /** A fresh strategy object (a blocking strategy holds a monitor per ring); {@code parking} with this safety net. */
    WaitStrategy newStrategy(long parkingSafetyNetMillis) {
        return switch (this) {
            case AUTO -> throw new IllegalStateException("resolve(handlerThreads) first");
            case BLOCKING -> new BlockingWaitStrategy();
            case PARKING -> new ParkingWaitStrategy(parkingSafetyNetMillis);
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
