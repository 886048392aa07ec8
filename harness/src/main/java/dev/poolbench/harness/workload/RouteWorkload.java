package dev.poolbench.harness.workload;

import dev.poolbench.api.Ordering;
import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One instance of a {@link Profile}: the four route stages (parse → validate → resolve →
 * install) over its own {@link Rib}, as pipeline stages or fused into one worker-pool stage,
 * the KEYED ordering on {@code (vrf, prefix)}, and the oracle's digest.
 *
 * <p>Every per-item choice (injected failure, blocking, extra work) is a function of the item
 * (its line number and key), never of the thread or engine, so every engine sees the same
 * outcomes. Stages are thread-safe; the RIB is shared by all workers.
 */
public final class RouteWorkload {

    private static final long SALT_THROW = 0x3c6ef372fe94f82bL;
    private static final long SALT_BLOCK = 0xa54ff53a5f1d36f1L;
    private static final long SALT_WORK = 0x510e527fade682d1L;

    private final Profile profile;
    private final boolean tiny;
    private final Fib fib;
    private final Rib rib = new Rib();
    private final LongAdder tinySum = new LongAdder();
    private final LongAdder tinyCount = new LongAdder();
    private final double throwRate;
    private final double blockFraction;
    private final long delayNanos;
    private final double alpha;
    private final double minWork;
    private final double maxWork;
    private final RouteParser parser = new RouteParser();
    private final RouteValidator validator = new RouteValidator();
    @SuppressWarnings("unused")
    private volatile long blackhole;

    RouteWorkload(Profile profile, Fib fib) {
        this.profile = profile;
        this.fib = fib;
        this.tiny = profile.name().equals("tiny");
        this.throwRate = profile.param("throwRate");
        boolean blockingProfile = profile.name().equals("blocking");
        this.blockFraction = blockingProfile ? 1.0
                : profile.params().containsKey("blockingFraction") ? profile.param("blockingFraction") : 0.0;
        this.delayNanos = profile.params().containsKey("delayMs")
                ? Math.round(profile.param("delayMs") * 1_000_000) : 0;
        boolean skewed = profile.params().containsKey("alpha");
        this.alpha = skewed ? profile.param("alpha") : 0;
        this.minWork = skewed ? profile.param("minWork") : 0;
        this.maxWork = skewed ? profile.param("maxWork") : 0;
    }

    /** True for the {@code tiny} profile (outputs are the input lines). */
    public boolean isTiny() {
        return tiny;
    }

    public Profile profile() {
        return profile;
    }

    /** True if the install stage declares that it blocks. */
    public boolean blocking() {
        return blockFraction > 0 && delayNanos > 0;
    }

    /** KEYED on {@code (vrf, prefix)} by a light scan of the input line ({@link RouteKeys}). */
    public Ordering keyed() {
        return Ordering.<RouteLine>keyed(RouteKeys::key);
    }

    /** The four stages for a pipeline, each with this parallelism and buffer. */
    public List<StageSpec<?, ?>> stages(int parallelism, int buffer) {
        if (tiny) {
            return List.of(
                    spec("parse", (RouteLine l, StageContext c) -> l, parallelism, buffer, false),
                    spec("validate", (RouteLine l, StageContext c) -> l, parallelism, buffer, false),
                    spec("resolve", (RouteLine l, StageContext c) -> tinyResolve(l), parallelism, buffer, false),
                    spec("install", (RouteLine l, StageContext c) -> tinyInstall(l), parallelism, buffer, false));
        }
        return List.of(
                spec("parse", parser, parallelism, buffer, false),
                spec("validate", validator, parallelism, buffer, false),
                spec("resolve", (Route r, StageContext c) -> resolve(r), parallelism, buffer, false),
                spec("install", (ResolvedRoute r, StageContext c) -> install(r), parallelism, buffer, blocking()));
    }

    /** The four stages fused into one, for a worker pool. */
    public StageSpec<RouteLine, Object> fused(int parallelism, int buffer) {
        Stage<RouteLine, Object> f = tiny
                ? (l, c) -> {
                    RouteLine x = tinyResolve(l);
                    return tinyInstall(x);
                }
                : (l, c) -> {
                    Route r = validator.validate(parser.parse(l));
                    ResolvedRoute rr = resolve(r);
                    return rr == null ? null : install(rr);
                };
        return new StageSpec<>("route", f, parallelism, buffer, blocking());
    }

    /**
     * The oracle's digest of the final state the install stage left: the RIB, or for {@code tiny}
     * the set of installed items (the same value a replay of the outputs in sink order gives).
     */
    public long digest() {
        return tiny ? Hashing.combine(tinySum.sum(), tinyCount.sum()) : rib.digest();
    }

    /** Prefixes in the RIB (for {@code tiny}: items installed). */
    public long ribSize() {
        return tiny ? tinyCount.sum() : rib.size();
    }

    /** The KEYED key hash of an output of this workload. */
    public long outputKey(Object output) {
        return output instanceof ResolvedRoute r ? RouteKeys.hash(r.route()) : RouteKeys.hash((RouteLine) output);
    }

    /** The source line number of an output of this workload. */
    public long outputLine(Object output) {
        return output instanceof ResolvedRoute r ? r.route().line() : ((RouteLine) output).number();
    }

    /** The resolve stage: recursive LPM of the next hop; null (filtered) if it does not resolve. */
    public ResolvedRoute resolve(Route r) {
        long h = Hashing.combine(r.line(), RouteKeys.hash(r));
        if (throwRate > 0 && Hashing.unit(h ^ SALT_THROW) < throwRate) {
            throw new InjectedFailure("resolve", r.line());
        }
        if (maxWork > 0) {
            extraWork(h);
        }
        if (r.op() == Op.WITHDRAW) {
            return new ResolvedRoute(r, -1);
        }
        int egress = fib.resolve(r.vrf(), r.v6(), r.nhHi(), r.nhLo());
        return egress == Fib.UNRESOLVED ? null : new ResolvedRoute(r, egress);
    }

    /** The install stage: applies the route to the shared RIB (after the profile's wait, if any). */
    public ResolvedRoute install(ResolvedRoute r) throws InterruptedException {
        if (blockFraction > 0 && delayNanos > 0) {
            Route x = r.route();
            if (blockFraction >= 1 || Hashing.unit(Hashing.combine(x.line(), RouteKeys.hash(x)) ^ SALT_BLOCK)
                    < blockFraction) {
                TimeUnit.NANOSECONDS.sleep(delayNanos);
            }
        }
        rib.apply(r);
        return r;
    }

    private RouteLine tinyResolve(RouteLine l) {
        if (throwRate > 0 && Hashing.unit(Hashing.combine(l.number(), RouteKeys.hash(l)) ^ SALT_THROW) < throwRate) {
            throw new InjectedFailure("resolve", l.number());
        }
        return l;
    }

    private RouteLine tinyInstall(RouteLine l) {
        tinySum.add(Hashing.combine(l.number(), l.text().hashCode()));
        tinyCount.increment();
        return l;
    }

    /** Pareto-distributed CPU work: minWork / U^(1/alpha) mixing steps, capped at maxWork. */
    private void extraWork(long h) {
        double u = 1 - Hashing.unit(h ^ SALT_WORK); // (0, 1]
        long steps = (long) Math.min(maxWork, minWork / Math.pow(u, 1 / alpha));
        long acc = h;
        for (long i = 0; i < steps; i++) {
            acc = Hashing.mix(acc + i);
        }
        if (acc == 0x5eed) {
            blackhole = acc;
        }
    }

    private static <I, O> StageSpec<I, O> spec(String name, Stage<I, O> f, int parallelism, int buffer,
                                               boolean blocking) {
        return new StageSpec<>(name, f, parallelism, buffer, blocking);
    }
}
