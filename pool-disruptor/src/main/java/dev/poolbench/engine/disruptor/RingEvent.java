package dev.poolbench.engine.disruptor;

import dev.poolbench.api.Failure;

/**
 * One pre-allocated slot of the ring, reused for every item that passes through it (nothing is
 * allocated per item on the hot path). A producer fills it and publishes its sequence; each
 * stage handler that owns the sequence replaces {@link #value} with the stage's output or ends
 * the item ({@link #state}); the fan-in handler delivers what is left and clears the references.
 * Kept small (32 bytes): a ring of a 64 Ki buffer has 128 Ki of them, and every item touches its
 * slot on the producer's core and on each handler's.
 *
 * <p>Fields are plain: the ring's sequences give the happens-before edges (a producer's publish
 * before the first stage reads, a handler's sequence update before the next handler reads).
 */
final class RingEvent {
    /** Passing through the stages; the fan-in delivers {@link #value} to the sink. */
    static final byte LIVE = 0;
    /** A stage returned null: counted filtered. */
    static final byte FILTERED = 1;
    /** A stage failed: counted failed; under CONTINUE {@link #value} is the {@link Failure} for the sink, else null. */
    static final byte FAILED = 2;
    /** Folded into a combiner partial: counted output. */
    static final byte ABSORBED = 3;
    /** A claimed sequence whose producer abandoned it (cancel): never an item, every handler skips it. */
    static final byte TOMBSTONE = 4;

    Object input;
    Object value;
    int keyHash;
    /** The merge input the item came through (its permit is returned when the fan-in passes it); -1: none. */
    int source = -1;
    byte state;

    void fill(Object item, int keyHash, int source) {
        this.source = source;
        this.input = item;
        this.value = item;
        this.keyHash = keyHash;
        this.state = LIVE;
    }

    void tombstone() {
        this.source = -1;
        this.input = null;
        this.value = null;
        this.state = TOMBSTONE;
    }

    void clear() {
        this.source = -1;
        this.input = null;
        this.value = null;
    }
}
