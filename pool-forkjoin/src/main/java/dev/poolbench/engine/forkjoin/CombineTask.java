package dev.poolbench.engine.forkjoin;

import dev.poolbench.api.Combiner;

import java.util.concurrent.RecursiveTask;

/**
 * The fan-in of a fan-out with a combiner: folds the lanes' partials by recursive halving
 * (split, fork the left half, compute the right, join, combine left with right), so the order of
 * the partials is kept and only associativity is needed.
 */
final class CombineTask extends RecursiveTask<Object> {
    private final Combiner<Object, Object> combiner;
    private final Object[] partials;
    private final int from;
    private final int to;

    CombineTask(Combiner<Object, Object> combiner, Object[] partials, int from, int to) {
        this.combiner = combiner;
        this.partials = partials;
        this.from = from;
        this.to = to;
    }

    @Override
    protected Object compute() {
        if (to - from == 1) {
            return partials[from];
        }
        int mid = (from + to) >>> 1;
        CombineTask left = new CombineTask(combiner, partials, from, mid);
        left.fork();
        Object right = new CombineTask(combiner, partials, mid, to).compute();
        return combiner.combine(left.join(), right);
    }
}
