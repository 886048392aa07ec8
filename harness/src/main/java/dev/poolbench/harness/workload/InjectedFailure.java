package dev.poolbench.harness.workload;

/** Thrown by a stage on purpose (failure injection): the item fails, the workload goes on. */
public final class InjectedFailure extends RuntimeException {
    public InjectedFailure(String stage, long line) {
        super("injected failure in stage " + stage + " (line " + line + ")", null, false, false);
    }
}
