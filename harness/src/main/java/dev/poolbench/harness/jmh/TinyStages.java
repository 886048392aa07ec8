package dev.poolbench.harness.jmh;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.harness.workload.Profile;
import dev.poolbench.harness.workload.RouteLine;
import dev.poolbench.harness.workload.RouteWorkload;

import java.util.List;

/**
 * The {@code tiny} profile's stage functions, lifted to carry a {@link Parcel}. Tiny stages pass
 * the line through and the install step adds it to a digest, so what a benchmark over them
 * measures is the hand-off itself. Engines and raw baselines call these very same functions
 * (raw code calls {@link Stage#apply} directly, with no context), so their difference is the
 * machinery around the call, nothing else.
 */
final class TinyStages {

    private final RouteWorkload workload = Profile.parse("tiny").instantiate(null);
    /** The four tiny stages fused into one: pool, fan-out and merge run this. */
    private final Stage<Parcel, Parcel> fused;
    /** parse, validate, then resolve+install fused: the three stages of {@code pipeline3}. */
    private final List<Stage<Parcel, Parcel>> pipeline;

    TinyStages() {
        List<StageSpec<?, ?>> four = workload.stages(1, HandoffPattern.BUFFER);
        fused = lift(workload.fused(1, HandoffPattern.BUFFER).untyped());
        pipeline = List.of(lift(four.get(0).untyped()), lift(four.get(1).untyped()), fused);
    }

    Stage<Parcel, Parcel> fused() {
        return fused;
    }

    /** The three pipeline stages, in order. */
    List<Stage<Parcel, Parcel>> pipeline() {
        return pipeline;
    }

    /** Items the install step has seen since the start: every submitted item exactly once. */
    long installed() {
        return workload.ribSize();
    }

    /** Applies {@code stage} outside any engine (raw baselines): tiny stages ignore the context. */
    static Parcel apply(Stage<Parcel, Parcel> stage, Parcel p) {
        try {
            return stage.apply(p, null);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stage<Parcel, Parcel> lift(Stage<Object, Object> onLine) {
        return (Parcel p, StageContext c) -> {
            Object out = onLine.apply(p.line, c);
            if (out == null) {
                throw new IllegalStateException("a tiny stage filtered " + p.line + "; tiny stages never filter");
            }
            p.line = (RouteLine) out;
            return p;
        };
    }
}
