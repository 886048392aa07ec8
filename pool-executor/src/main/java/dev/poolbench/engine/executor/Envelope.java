package dev.poolbench.engine.executor;

import dev.poolbench.api.Failure;

/**
 * One accepted item on its way through a route (or a gap: a sequence number given up before
 * acceptance, under ORDERED). It is the task the executors run. Touched by one thread at a
 * time: each hand-off (executor queue, reorderer) orders it.
 */
final class Envelope implements Runnable {
    /** Not yet run by its current stage. */
    static final byte ITEM = 0;
    /** A sequence number that carries no item: only the reorderer must hear of it. */
    static final byte GAP = 1;
    /** Has an output for the sink ({@link #value}). */
    static final byte OUTPUT = 2;
    /** Failed under CONTINUE: {@link #failure} goes to the sink. */
    static final byte FAILED = 3;

    final Route route;
    final Object input;
    final long seq;
    final int keyHash;
    final int lane;
    Object value;
    int stage;
    byte state;
    Failure failure;

    Envelope(Route route, Object input, long seq, int keyHash, int lane) {
        this.route = route;
        this.input = input;
        this.value = input;
        this.seq = seq;
        this.keyHash = keyHash;
        this.lane = lane;
    }

    static Envelope gap(Route route, long seq, int lane) {
        Envelope e = new Envelope(route, null, seq, 0, lane);
        e.state = GAP;
        return e;
    }

    @Override
    public void run() {
        route.run(this);
    }
}
