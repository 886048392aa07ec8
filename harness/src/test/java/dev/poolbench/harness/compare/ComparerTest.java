package dev.poolbench.harness.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statistics on synthetic samples: known shifts are found, identical samples are unchanged, noise is not a regression. */
class ComparerTest {

    private static final Thresholds DEFAULTS = Thresholds.defaults(2);

    /** {@code n} values around {@code centre} with multiplicative noise of ± {@code noise} (uniform), seeded. */
    private static double[] noisy(double centre, double noise, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = centre * (1 + noise * (2 * r.nextDouble() - 1));
        }
        return v;
    }

    private static SampleSet side(String name, double[] throughput, double[] p99) {
        return SampleSet.of(name, List.of(
                new RowSamples("e|s|cpu|2|1024||throughput||", "e s throughput", Map.of(Metric.THROUGHPUT, throughput), null),
                new RowSamples("e|s|cpu|2|1024||latency|0.500|", "e s latency@0.500", Map.of(Metric.P99, p99), null)),
                Map.of());
    }

    private static Verdict verdict(List<Comparison> cs, Metric m) {
        return cs.stream().filter(c -> c.metric() == m).findFirst().orElseThrow().verdict();
    }

    @Test
    void aKnownShiftIsDetectedInPairedRounds() {
        double[] a = noisy(100_000, 0.05, 10, 1);
        double[] b = new double[10];
        for (int i = 0; i < 10; i++) {
            b[i] = a[i] * 0.80 * (1 + 0.02 * ((i % 3) - 1)); // −20 % with a little per-round jitter
        }
        double[] latA = noisy(1000, 0.05, 10, 2);
        double[] latB = noisy(1500, 0.05, 10, 3); // p99 +50 %
        List<Comparison> cs = Comparer.compare(side("A", a, latA), side("B", b, latB), true, DEFAULTS);
        assertThat(verdict(cs, Metric.THROUGHPUT)).isEqualTo(Verdict.REGRESSED);
        assertThat(verdict(cs, Metric.P99)).isEqualTo(Verdict.REGRESSED);
        Comparison thr = cs.get(0);
        assertThat(thr.ratio()).isBetween(0.77, 0.83);
        assertThat(thr.ci().high()).isLessThan(0.9);
        assertThat(thr.p()).isLessThan(0.01);
    }

    @Test
    void theMirrorShiftIsAnImprovement() {
        double[] a = noisy(100_000, 0.05, 10, 4);
        double[] b = noisy(130_000, 0.05, 10, 5);
        List<Comparison> cs = Comparer.compare(side("A", a, a), side("B", b, a), true, DEFAULTS);
        assertThat(verdict(cs, Metric.THROUGHPUT)).isEqualTo(Verdict.IMPROVED);
    }

    @Test
    void identicalSamplesAreUnchanged() {
        double[] a = noisy(100_000, 0.10, 10, 6);
        double[] lat = noisy(1000, 0.30, 10, 7);
        List<Comparison> cs = Comparer.compare(side("A", a, lat), side("B", a.clone(), lat.clone()), true, DEFAULTS);
        assertThat(cs).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.UNCHANGED);
            assertThat(c.ratio()).isEqualTo(1.0);
            assertThat(c.p()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    @Test
    void twoRoundsAreInconclusiveEvenForAHugeShift() {
        List<Comparison> cs = Comparer.compare(side("A", new double[]{100, 101}, new double[]{10, 11}),
                side("B", new double[]{50, 51}, new double[]{30, 31}), true, DEFAULTS);
        assertThat(cs).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.note()).contains("fewer than 5");
        });
    }

    @Test
    void pureNoiseNeverRaisesAFalseAlarm() {
        // 300 A/A comparisons with ±8 % noise per fork (a noisy 2-core machine), 10 rounds each
        int regressed = 0;
        for (long seed = 0; seed < 300; seed++) {
            double[] a = noisy(100_000, 0.08, 10, seed * 2);
            double[] b = noisy(100_000, 0.08, 10, seed * 2 + 1);
            List<Comparison> cs = Comparer.compare(side("A", a, a), side("B", b, a), true, DEFAULTS);
            if (verdict(cs, Metric.THROUGHPUT) == Verdict.REGRESSED) {
                regressed++;
            }
        }
        assertThat(regressed).isZero();
    }

    @Test
    void unpairedBaselineSamplesUseTheRatioOfMedians() {
        double[] a = noisy(100_000, 0.03, 12, 8);
        double[] b = noisy(70_000, 0.03, 12, 9);
        List<Comparison> cs = Comparer.compare(side("A", a, a), side("B", b, a), false, DEFAULTS);
        Comparison thr = cs.get(0);
        assertThat(thr.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(thr.ratio()).isEqualTo(Statistics.median(b) / Statistics.median(a));
        assertThat(thr.ratios()).isEmpty();
    }

    @Test
    void tailMetricsAreInformationalBelowEightCores() {
        RowSamples ra = new RowSamples("k", "k", Map.of(Metric.P999, noisy(1000, 0.02, 10, 1)), null);
        RowSamples rb = new RowSamples("k", "k", Map.of(Metric.P999, noisy(3000, 0.02, 10, 2)), null);
        SampleSet a = SampleSet.of("A", List.of(ra), Map.of());
        SampleSet b = SampleSet.of("B", List.of(rb), Map.of());
        Comparison small = Comparer.compare(a, b, true, Thresholds.defaults(2)).get(0);
        assertThat(small.verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(small.gating()).isFalse();
        assertThat(Comparer.compare(a, b, true, Thresholds.defaults(16)).get(0).gating()).isTrue();
    }

    @Test
    void anInvalidRowIsReportedAsSuch() {
        double[] v = noisy(100, 0.01, 10, 1);
        SampleSet a = SampleSet.of("A", List.of(new RowSamples("k", "k", Map.of(Metric.THROUGHPUT, v), null)), Map.of());
        SampleSet b = SampleSet.of("B", List.of(new RowSamples("k", "k", Map.of(Metric.THROUGHPUT, v), "digest mismatch")),
                Map.of());
        List<Comparison> cs = Comparer.compare(a, b, true, DEFAULTS);
        assertThat(cs).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.INVALID);
            assertThat(c.note()).isEqualTo("B: digest mismatch");
        });
    }

    @Test
    void differingRowSetsAreAnInputErrorNamingTheRows() {
        double[] v = noisy(100, 0.01, 10, 1);
        SampleSet a = SampleSet.of("base", List.of(new RowSamples("k1", "row one", Map.of(Metric.THROUGHPUT, v), null)),
                Map.of());
        SampleSet b = SampleSet.of("current", List.of(new RowSamples("k2", "row two", Map.of(Metric.THROUGHPUT, v), null)),
                Map.of());
        assertThatThrownBy(() -> Comparer.compare(a, b, false, DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only in base: row one").hasMessageContaining("only in current: row two");
    }

    @Test
    void theNoiseFloorIsTheWidestCiExcursionAndSuggestsTwiceIt() {
        double[] a = noisy(100_000, 0.05, 10, 11);
        double[] b = noisy(100_000, 0.05, 10, 12);
        List<Comparison> cs = Comparer.compare(side("A", a, a), side("B", b, b), true, DEFAULTS);
        List<NoiseFloor> floor = NoiseFloor.of(cs, DEFAULTS);
        assertThat(floor).extracting(n -> n.metric().name()).containsExactly("throughput", "p99");
        NoiseFloor thr = floor.get(0);
        Comparison c = cs.get(0);
        assertThat(thr.ciExcursion()).isEqualTo(Math.max(1 - c.ci().low(), c.ci().high() - 1));
        assertThat(thr.suggested()).isGreaterThanOrEqualTo(2 * thr.ciExcursion()).isLessThan(2 * thr.ciExcursion() + 0.011);
        assertThat(NoiseFloor.suggest(0.001)).isEqualTo(0.02);
        assertThat(NoiseFloor.suggest(0.043)).isEqualTo(0.09);
    }

    @Test
    void sideJvmArgsReplaceDefaultsOfTheSameOption() {
        List<String> base = List.of("-Xms1g", "-Xmx4g", "-XX:+UseG1GC");
        assertThat(Side.mergeJvmArgs(base, List.of("-XX:+UseZGC"))).containsExactly("-Xms1g", "-Xmx4g", "-XX:+UseZGC");
        assertThat(Side.mergeJvmArgs(base, List.of("-Xmx2g", "-XX:TieredStopAtLevel=1")))
                .containsExactly("-Xms1g", "-XX:+UseG1GC", "-Xmx2g", "-XX:TieredStopAtLevel=1");
        assertThat(Side.mergeJvmArgs(List.of("-XX:-TieredCompilation"), List.of("-XX:+TieredCompilation")))
                .containsExactly("-XX:+TieredCompilation");
    }
}
