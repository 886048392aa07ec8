package dev.poolbench.engine.virtual;

import dev.poolbench.api.Stage;
import dev.poolbench.api.StageContext;
import dev.poolbench.api.StageSpec;
import dev.poolbench.api.support.SplitSemaphore;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * One stage of one lane and what bounds it. {@code admission} is taken by the submitter (first
 * stage) or the item's previous stage and released by the stage's threads, so it is a
 * {@link SplitSemaphore} (the two sides write different lines); {@code running} is taken and
 * released by the same item thread, so it stays a {@code Semaphore}.
 * <ul>
 *   <li>per-task: {@code admission} has buffer + parallelism permits (an item holds one from
 *   entering the stage until it entered the next one, or until its fan-in ended), {@code running}
 *   has parallelism permits (held while the stage function runs).</li>
 *   <li>workers: {@code queue} (capacity buffer + parallelism, room for the end markers) is
 *   filled only after taking one of the buffer {@code admission} permits; {@code parallelism}
 *   workers take from it.</li>
 * </ul>
 */
final class StageGate {
    static final Object END_MARKER = new Object();
    /** Released into every semaphore on cancel so that every blocked acquirer wakes up. */
    private static final int FLOOD = Integer.MAX_VALUE / 4;

    final String name;
    final Stage<Object, Object> function;
    final StageContext context;
    final int parallelism;
    final int buffer;
    final SplitSemaphore admission;
    final Semaphore running;
    final ArrayBlockingQueue<Object> queue;
    final AtomicInteger workersLeft;

    /**
     * @param oneTaker one thread at a time takes {@code admission} permits: a first stage of a
     *                 single-producer instance (its input's submitter)
     */
    StageGate(StageSpec<?, ?> spec, VirtualMode mode, BooleanSupplier cancelled, boolean oneTaker) {
        this.name = spec.name();
        this.function = spec.untyped();
        this.parallelism = spec.parallelism();
        this.buffer = spec.buffer();
        this.context = new StageContext() {
            @Override
            public String stageName() {
                return name;
            }

            @Override
            public boolean isCancelled() {
                return cancelled.getAsBoolean();
            }
        };
        if (mode == VirtualMode.PER_TASK) {
            this.admission = new SplitSemaphore(buffer + parallelism, oneTaker);
            this.running = new Semaphore(parallelism);
            this.queue = null;
            this.workersLeft = null;
        } else {
            this.admission = new SplitSemaphore(buffer, oneTaker);
            this.running = null;
            this.queue = new ArrayBlockingQueue<>(buffer + parallelism);
            this.workersLeft = new AtomicInteger(parallelism);
        }
    }

    /** Workers mode: tells every worker of this stage that no more items come. Never blocks. */
    void sendEndMarkers() {
        for (int i = 0; i < parallelism; i++) {
            queue.offer(END_MARKER);
        }
    }

    /** On cancel: wakes everything blocked on this stage's semaphores (they then see the cancel). */
    void flood() {
        admission.release(FLOOD);
        if (running != null) {
            running.release(FLOOD);
        }
    }

    static void flood(SplitSemaphore s) {
        s.release(FLOOD);
    }
}
