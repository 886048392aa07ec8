package dev.poolbench.harness.compare;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The statistics on samples whose answer is known. */
class StatisticsTest {

    @Test
    void medianOfOddAndEvenSamples() {
        assertThat(Statistics.median(new double[]{3, 1, 2})).isEqualTo(2);
        assertThat(Statistics.median(new double[]{4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void exactMannWhitneyMatchesTheTextbookValues() {
        // complete separation of 5 vs 5: P(U=0) = 1/C(10,5) = 1/252, two-sided 2/252
        double[] a = {1, 2, 3, 4, 5};
        double[] b = {6, 7, 8, 9, 10};
        assertThat(Statistics.mannWhitneyP(a, b)).isEqualTo(2.0 / 252, offset(1e-12));
        // 10 vs 10 separated: 2 / C(20,10)
        double[] c = new double[10];
        double[] d = new double[10];
        for (int i = 0; i < 10; i++) {
            c[i] = i;
            d[i] = 100 + i;
        }
        assertThat(Statistics.mannWhitneyP(c, d)).isEqualTo(2.0 / 184_756, offset(1e-12));
    }

    @Test
    void identicalSamplesShowNoDifference() {
        double[] a = {5, 5, 5, 5, 5, 5};
        assertThat(Statistics.mannWhitneyP(a, a.clone())).isEqualTo(1.0);
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(Statistics.mannWhitneyP(x, x.clone())).isGreaterThan(0.9);
    }

    @Test
    void aKnownShiftIsDetectedAndItsRatioBracketed() {
        SplittableRandom r = new SplittableRandom(7);
        double[] a = new double[20];
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            a[i] = 1000 * (1 + 0.03 * r.nextGaussian());
            b[i] = 800 * (1 + 0.03 * r.nextGaussian()); // 20 % slower
        }
        assertThat(Statistics.mannWhitneyP(a, b)).isLessThan(1e-6);
        Statistics.Interval ci = Statistics.bootstrapRatioOfMediansCi(a, b, 0.95, Statistics.RESAMPLES, 1);
        assertThat(ci.contains(0.8)).isTrue();
        assertThat(ci.below(0.9)).isTrue();
    }

    @Test
    void tooFewSamplesCannotBeSignificant() {
        // two rounds: the smallest two-sided exact p is 2/C(4,2) = 1/3
        assertThat(Statistics.mannWhitneyP(new double[]{1, 2}, new double[]{10, 11})).isEqualTo(1.0 / 3,
                offset(1e-12));
    }

    @Test
    void bootstrapIsReproducibleForASeed() {
        double[] x = {0.9, 1.1, 1.0, 0.95, 1.05, 1.02, 0.98};
        assertThat(Statistics.bootstrapMedianCi(x, 0.95, 2000, 3))
                .isEqualTo(Statistics.bootstrapMedianCi(x, 0.95, 2000, 3));
        Statistics.Interval ci = Statistics.bootstrapMedianCi(x, 0.95, 2000, 3);
        assertThat(ci.contains(Statistics.median(x))).isTrue();
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] a = new double[40];
        double[] b = new double[40];
        for (int i = 0; i < 40; i++) {
            a[i] = i;
            b[i] = i + 0.5; // interleaved: no real shift
        }
        assertThat(Statistics.mannWhitneyP(a, b)).isGreaterThan(0.5);
        assertThat(Statistics.normalCdf(1.959964)).isEqualTo(0.975, offset(1e-6));
    }

    @Test
    void studentTMatchesTabulatedTwoSidedPValues() {
        // textbook t-table: df = 10, t = 2.228 is p = 0.05 and t = 3.169 is p = 0.01; df = 4, t = 4.604 is 0.01
        assertThat(Statistics.studentTwoSidedP(2.228, 10)).isEqualTo(0.05, offset(5e-4));
        assertThat(Statistics.studentTwoSidedP(3.169, 10)).isEqualTo(0.01, offset(2e-4));
        assertThat(Statistics.studentTwoSidedP(-4.604, 4)).isEqualTo(0.01, offset(2e-4));
        assertThat(Statistics.studentTwoSidedP(0, 7)).isEqualTo(1.0, offset(1e-9));
    }

    @Test
    void welchSeparatesShiftedSamplesAndNotEqualOnes() {
        double[] a = {1.00, 1.02, 0.98, 1.01, 0.99};
        double[] shifted = {1.30, 1.32, 1.28, 1.31, 1.29};
        assertThat(Statistics.welchP(a, shifted)).isLessThan(0.001);
        assertThat(Statistics.welchP(a, a.clone())).isGreaterThan(0.99);
        assertThat(Statistics.welchP(new double[]{1}, a)).isNaN();
    }
}
