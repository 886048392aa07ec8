package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Failure;
import dev.poolbench.api.support.OutcomeCounters;

/** What the ring's handlers report back to the running instance that owns them. */
interface HandlerHost extends UserCodeGate.CancelFlag {

    OutcomeCounters counters();

    /** A stage threw on the item in {@code event}: applies the error policy (the event is updated). */
    void stageFailed(RingEvent event, String stage, Throwable cause);

    /** A failure that ends the instance whatever the error policy (sink, combiner, Error, engine). */
    void fatal(Failure failure);

    /** The fan-in has passed {@code items} items of input {@code source}: that input (and a single stage) has room for as many more. */
    void left(int source, int items);

    /** {@code items} items left the first stage of several (entered the next one, or ended in the first). */
    void leftFirstStage(int items);

    /** A handler's processor has started (called from its {@code onStart}, also on an early exit). */
    void handlerStarted();

    /** The fan-in has consumed the last sequence after every input closed. */
    void drained();

    /** True for what a cancel of ours makes stage code throw. */
    static boolean isInterruption(Throwable t) {
        return t instanceof InterruptedException || t instanceof java.util.concurrent.CancellationException;
    }
}
