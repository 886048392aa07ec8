package dev.poolbench.engine.forkjoin;

/**
 * One accepted item on its way through the stages: the input as accepted (failures report it),
 * the current value, its key (KEYED), its acceptance number (ORDERED) and the stage node whose
 * slot it holds. The mutable fields are written by the one thread that holds the item and
 * published to the next by the mailbox queue.
 */
final class Item {
    final Object input;
    final Object key;
    final long seq;
    Object value;
    StageNode node;

    Item(Object input, Object key, long seq, StageNode node) {
        this.input = input;
        this.value = input;
        this.key = key;
        this.seq = seq;
        this.node = node;
    }
}
