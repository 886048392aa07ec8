package dev.poolbench.api;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

/**
 * Folds the outputs of a fan-out: each worker folds its outputs into a partial starting from
 * {@link #identity()}, the partials are combined at fan-in, and the sink receives one aggregate
 * when the input is closed. {@link #combine} must be associative with {@code identity()} as
 * its identity; since the split is unicast and dynamic, it must also be commutative for the
 * aggregate to be deterministic.
 */
public interface Combiner<O, A> {

    A identity();

    A accumulate(A partial, O output);

    A combine(A left, A right);

    static <O, A> Combiner<O, A> of(Supplier<A> identity, BiFunction<A, ? super O, A> accumulate,
                                    BinaryOperator<A> combine) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(accumulate, "accumulate");
        Objects.requireNonNull(combine, "combine");
        return new Combiner<>() {
            @Override
            public A identity() {
                return identity.get();
            }

            @Override
            public A accumulate(A partial, O output) {
                return accumulate.apply(partial, output);
            }

            @Override
            public A combine(A left, A right) {
                return combine.apply(left, right);
            }
        };
    }
}
