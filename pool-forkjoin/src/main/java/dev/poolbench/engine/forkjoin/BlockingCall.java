package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.StageContext;
import dev.poolbench.api.Stage;

import java.util.concurrent.ForkJoinPool;

/**
 * A stage call for a stage with the blocking hint, run under {@link ForkJoinPool#managedBlock} so
 * the pool may add a compensation thread while it blocks. Compensation only keeps the pool's other
 * work going; the stage's admission bound is kept by the instance, not by the thread count.
 */
final class BlockingCall implements ForkJoinPool.ManagedBlocker {
    private final Stage<Object, Object> function;
    private final Object input;
    private final StageContext context;
    private boolean done;
    private Object result;
    private Throwable failure;

    private BlockingCall(Stage<Object, Object> function, Object input, StageContext context) {
        this.function = function;
        this.input = input;
        this.context = context;
    }

    /** Runs the stage under managedBlock and returns its result, or throws what it threw. */
    static Object apply(Stage<Object, Object> function, Object input, StageContext context) throws Throwable {
        BlockingCall call = new BlockingCall(function, input, context);
        ForkJoinPool.managedBlock(call);
        if (call.failure != null) {
            throw call.failure;
        }
        return call.result;
    }

    @Override
    public boolean block() {
        try {
            result = function.apply(input, context);
        } catch (Throwable t) {
            failure = t;
        }
        done = true;
        return true;
    }

    @Override
    public boolean isReleasable() {
        return done;
    }
}
