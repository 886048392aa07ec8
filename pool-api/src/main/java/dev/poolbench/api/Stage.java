package dev.poolbench.api;

/**
 * The user's function applied to each item at one step of a pattern.
 *
 * <p>Returning {@code null} drops the item: it is counted <em>filtered</em> and reaches no
 * sink call. A stage may block, throw, and poll {@link StageContext#isCancelled()}; a stage
 * blocked interruptibly is interrupted when the instance is cancelled. One input gives at most
 * one output.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Stage<I, O> {
    O apply(I item, StageContext ctx) throws Exception;
}
