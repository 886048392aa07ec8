package dev.poolbench.engine.disruptor;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ParkingWaitStrategy} on a real ring: a handler behind an upstream handler stays blocked
 * while only the producers move, goes on once the upstream handler moves and signals, and a halt
 * (alert + {@code wakeAll}) ends its wait. The strategy's safety-net wake is widened to an hour
 * here, so only a signal can end a wait within the liveness bounds.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ParkingWaitStrategyTest {

    private static final long LIVE_S = 10;

    private final ParkingWaitStrategy strategy = new ParkingWaitStrategy(TimeUnit.HOURS.toMillis(1));
    private final RingBuffer<RingEvent> ring = RingBuffer.createSingleProducer(RingEvent::new, 8, strategy);
    private final Sequence upstream = new Sequence(-1);
    private final SequenceBarrier barrier = ring.newBarrier(upstream);

    private CompletableFuture<Long> waiterFor(long sequence) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                result.complete(barrier.waitFor(sequence));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        awaitBlocked(t);
        return result;
    }

    private static void awaitBlocked(Thread t) {
        long due = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIVE_S);
        while (t.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < due) {
            Thread.onSpinWait();
        }
        assertThat(t.getState()).as("the waiter blocked").isEqualTo(Thread.State.TIMED_WAITING);
    }

    @Test
    void aFollowerWaitsForItsUpstreamHandlerNotForTheProducers() throws Exception {
        CompletableFuture<Long> waiter = waiterFor(0);
        ring.publish(ring.next()); // the cursor moves; the upstream handler has not
        Thread.sleep(3 * ParkingWaitStrategy.SAFETY_NET_MILLIS); // a wake-up, if any, has come and gone
        assertThat(waiter).as("still waiting for the upstream handler").isNotDone();
        upstream.setVolatile(0);
        strategy.progressed();
        assertThat(waiter.get(LIVE_S, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aHaltEndsEveryWait() {
        CompletableFuture<Long> waiter = waiterFor(0);
        barrier.alert();
        strategy.wakeAll();
        assertThatThrownBy(() -> waiter.get(LIVE_S, TimeUnit.SECONDS)).hasCauseInstanceOf(AlertException.class);
    }

    @Test
    void aFirstStageHandlerWakesOnPublish() throws Exception {
        SequenceBarrier onCursor = ring.newBarrier();
        CompletableFuture<Long> waiter = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().start(() -> {
            try {
                waiter.complete(onCursor.waitFor(0));
            } catch (Throwable e) {
                waiter.completeExceptionally(e);
            }
        });
        awaitBlocked(t);
        ring.publish(ring.next());
        assertThat(waiter.get(LIVE_S, TimeUnit.SECONDS)).isZero();
    }
}
