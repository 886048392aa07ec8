package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.support.TrackingThreadFactory;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker record is sealed once termination is observed: a thread the pool asks for after
 * that is refused, so the threads termination waits for are all the pool will ever have.
 */
class WorkerThreadsTest {

    @Test
    void noThreadIsMadeForThePoolOnceSealed() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory(Thread.ofPlatform().factory(), "fj-wt-");
        WorkerThreads workers = new WorkerThreads(factory);
        assertThat(workers.allEnded()).as("nothing made yet").isTrue(); // seals the record
        ForkJoinPool pool = new ForkJoinPool(1, workers, null, true);
        try {
            assertThat(workers.newThread(pool)).as("a thread asked for after the seal").isNull();
            assertThat(factory.created()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
