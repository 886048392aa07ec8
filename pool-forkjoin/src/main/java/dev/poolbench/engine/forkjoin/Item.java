package dev.poolbench.engine.forkjoin;

/**
 * One accepted item on its way through the stages: the input as accepted (failures report it),
 * the current value, its key (KEYED) and its acceptance number (ORDERED).
 */
final class Item {
    final Object input;
    final Object key;
    final long seq;
    Object value;
    /** The stage node that holds the item (guarded by the instance lock). */
    StageNode node;

    Item(Object input, Object key, long seq) {
        this.input = input;
        this.value = input;
        this.key = key;
        this.seq = seq;
    }
}
