package dev.poolbench.harness.jmh;

import java.util.Arrays;
import java.util.Locale;

/**
 * One benchmark's score per JMH fork, summarised the way a 2-core machine needs: the forks are the
 * samples (iterations inside a fork share its JIT decisions, heap layout and thread placement, so
 * they are not independent), their median is the figure, and the range of the forks stands next
 * to it. A ratio of two such figures carries the widest range the forks allow, so an overhead
 * whose range crosses the target says so in the table.
 *
 * @param median median of the per-fork scores
 * @param min    lowest per-fork score
 * @param max    highest per-fork score
 * @param forks  number of forks
 */
record ForkScores(double median, double min, double max, int forks) {

    ForkScores {
        if (forks < 1 || !(min <= median && median <= max)) {
            throw new IllegalArgumentException("fork scores need min <= median <= max and at least one fork, got "
                    + min + " / " + median + " / " + max + " over " + forks + " forks");
        }
    }

    /** The summary of one score per fork (at least one). */
    static ForkScores of(double... perFork) {
        if (perFork.length == 0) {
            throw new IllegalArgumentException("no fork scores");
        }
        double[] s = perFork.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new ForkScores(median, s[0], s[n - 1], n);
    }

    /** {@code median [min–max]}, or the one score when there was one fork. */
    String cell() {
        return forks == 1 ? num(median) : num(median) + " [" + num(min) + "–" + num(max) + "]";
    }

    /**
     * {@code this / other} as {@code 1.23x [1.01–1.52]}: the ratio of the medians, then the lowest and
     * highest ratio any pair of forks gives (this at its min over other at its max, and the reverse).
     */
    String ratioTo(ForkScores other) {
        String r = String.format(Locale.ROOT, "%.2fx", median / other.median);
        if (forks == 1 && other.forks == 1) {
            return r;
        }
        return r + String.format(Locale.ROOT, " [%.2f–%.2f]", min / other.max, max / other.min);
    }

    static String num(double v) {
        return String.format(Locale.ROOT, v < 100 ? "%.1f" : "%,.0f", v);
    }
}
