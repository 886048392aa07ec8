package dev.poolbench.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * Options of one pattern instance, with the same meaning in every engine.
 *
 * @param ordering       order of outputs at the sink
 * @param errors         what a failing item does
 * @param rateLimit      admission rate in items/s (token bucket); 0 = unlimited
 * @param deadline       when it expires the instance is cancelled with a
 *                       {@link java.util.concurrent.TimeoutException} cause; null = none
 * @param threadFactory  every thread the engine starts comes from it; null = the engine's
 *                       default ({@code poolbench-<engine>-<pattern>-<n>}). The forkjoin engine
 *                       needs one that also implements
 *                       {@link java.util.concurrent.ForkJoinPool.ForkJoinWorkerThreadFactory}.
 * @param engineOptions  engine-specific options ({@code engine.key=value}); each engine
 *                       validates the keys with its own prefix and ignores other engines' keys
 * @param singleProducer the caller promises that one thread at a time submits (per input)
 */
public record PatternOptions(Ordering ordering, ErrorPolicy errors, double rateLimit, Duration deadline,
                             ThreadFactory threadFactory, Map<String, String> engineOptions,
                             boolean singleProducer) {

    public static final PatternOptions DEFAULTS = builder().build();

    public PatternOptions {
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(errors, "errors");
        if (!(rateLimit >= 0) || Double.isInfinite(rateLimit)) {
            throw new IllegalArgumentException("rateLimit: " + rateLimit
                    + " is invalid; expected items/s > 0, or 0 for none");
        }
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline: " + deadline + " is invalid; expected a positive duration");
        }
        engineOptions = Map.copyOf(engineOptions);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.ordering = ordering;
        b.errors = errors;
        b.rateLimit = rateLimit;
        b.deadline = deadline;
        b.threadFactory = threadFactory;
        b.engineOptions.putAll(engineOptions);
        b.singleProducer = singleProducer;
        return b;
    }

    public static final class Builder {
        private Ordering ordering = Ordering.UNORDERED;
        private ErrorPolicy errors = ErrorPolicy.FAIL_FAST;
        private double rateLimit;
        private Duration deadline;
        private ThreadFactory threadFactory;
        private final Map<String, String> engineOptions = new LinkedHashMap<>();
        private boolean singleProducer;

        private Builder() {
        }

        public Builder ordering(Ordering ordering) {
            this.ordering = ordering;
            return this;
        }

        public Builder errors(ErrorPolicy errors) {
            this.errors = errors;
            return this;
        }

        public Builder rateLimit(double itemsPerSecond) {
            this.rateLimit = itemsPerSecond;
            return this;
        }

        public Builder deadline(Duration deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder threadFactory(ThreadFactory threadFactory) {
            this.threadFactory = threadFactory;
            return this;
        }

        public Builder engineOption(String key, String value) {
            engineOptions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder engineOptions(Map<String, String> options) {
            engineOptions.putAll(options);
            return this;
        }

        public Builder singleProducer(boolean singleProducer) {
            this.singleProducer = singleProducer;
            return this;
        }

        public PatternOptions build() {
            return new PatternOptions(ordering, errors, rateLimit, deadline, threadFactory, engineOptions,
                    singleProducer);
        }
    }
}
