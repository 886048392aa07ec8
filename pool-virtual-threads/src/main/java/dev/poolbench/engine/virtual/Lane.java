package dev.poolbench.engine.virtual;

/**
 * One chain of stages of an instance: the whole pipeline (or worker pool), one fan-out worker,
 * or one merge input. Each lane's stages have their own bounds; all lanes share one fan-in.
 */
final class Lane {
    final int index;
    final StageGate[] gates;

    Lane(int index, StageGate[] gates) {
        this.index = index;
        this.gates = gates;
    }

    StageGate first() {
        return gates[0];
    }
}
