package dev.poolbench.api;

import java.util.Objects;
import java.util.function.Function;

/**
 * The order in which outputs reach the sink.
 * <ul>
 *   <li>{@link Unordered}: any order.</li>
 *   <li>{@link Ordered}: acceptance order; filtered, failed and cancelled items leave gaps.</li>
 *   <li>{@link Keyed}: the key function is applied to each <em>input</em> at acceptance; items
 *   with equal keys pass every stage in acceptance order, never concurrently within a stage,
 *   and reach the sink in that order. Keys must implement {@code equals}/{@code hashCode}.</li>
 * </ul>
 */
public sealed interface Ordering permits Ordering.Unordered, Ordering.Ordered, Ordering.Keyed {

    record Unordered() implements Ordering {
        @Override
        public String toString() {
            return "UNORDERED";
        }
    }

    record Ordered() implements Ordering {
        @Override
        public String toString() {
            return "ORDERED";
        }
    }

    record Keyed(Function<Object, ?> keyFunction) implements Ordering {
        public Keyed {
            Objects.requireNonNull(keyFunction, "keyFunction");
        }

        /** The key of an input; a null key is an error of the key function. */
        public Object keyOf(Object input) {
            return Objects.requireNonNull(keyFunction.apply(input), "key function returned null");
        }

        @Override
        public String toString() {
            return "KEYED";
        }
    }

    Ordering UNORDERED = new Unordered();
    Ordering ORDERED = new Ordered();

    @SuppressWarnings("unchecked")
    static <I> Ordering keyed(Function<? super I, ?> keyFunction) {
        return new Keyed((Function<Object, ?>) (Function<?, ?>) keyFunction);
    }
}
