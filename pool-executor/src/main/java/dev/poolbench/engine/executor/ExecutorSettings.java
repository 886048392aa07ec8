package dev.poolbench.engine.executor;

import dev.poolbench.api.StageSpec;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** The executor engine's own options, already validated by {@link dev.poolbench.api.EngineOptions}. */
record ExecutorSettings(QueueKind queue, String prestart) {

    /** The work queue an executor is built on; both are bounded by the buffer. */
    enum QueueKind {
        ARRAY, LINKED;

        BlockingQueue<Runnable> create(int capacity) {
            return this == ARRAY ? new ArrayBlockingQueue<>(capacity) : new LinkedBlockingQueue<>(capacity);
        }
    }

    static ExecutorSettings from(Map<String, String> resolved) {
        QueueKind queue = "linked".equals(resolved.get(ExecutorEngine.QUEUE)) ? QueueKind.LINKED : QueueKind.ARRAY;
        return new ExecutorSettings(queue, resolved.get(ExecutorEngine.PRESTART));
    }

    /** Whether the threads of {@code stage} start when the pattern is built rather than on demand. */
    boolean prestart(StageSpec<?, ?> stage) {
        return switch (prestart) {
            case "true" -> true;
            case "false" -> false;
            default -> !stage.blocking();
        };
    }
}
