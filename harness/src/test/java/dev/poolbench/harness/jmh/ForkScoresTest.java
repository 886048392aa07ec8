package dev.poolbench.harness.jmh;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The forks are the samples: median and range per benchmark, and the widest range of a ratio. */
class ForkScoresTest {

    @Test
    void anOddNumberOfForksHasItsMiddleScoreAsMedianAndItsExtremesAsRange() {
        ForkScores s = ForkScores.of(900, 300, 1_500, 400, 350);
        assertThat(s.median()).isEqualTo(400);
        assertThat(s.min()).isEqualTo(300);
        assertThat(s.max()).isEqualTo(1_500);
        assertThat(s.forks()).isEqualTo(5);
        assertThat(s.cell()).isEqualTo("400 [300–1,500]");
    }

    @Test
    void anEvenNumberOfForksAveragesTheTwoMiddleScores() {
        assertThat(ForkScores.of(10, 40, 20, 30).median()).isEqualTo(25);
    }

    @Test
    void oneForkIsShownWithoutARange() {
        ForkScores s = ForkScores.of(42.25);
        assertThat(s.cell()).isEqualTo("42.3");
        assertThat(s.ratioTo(ForkScores.of(21.125))).isEqualTo("2.00x");
    }

    @Test
    void aRatioCarriesTheWidestRangeAnyPairOfForksGives() {
        ForkScores engine = ForkScores.of(1_200, 1_300, 1_500);
        ForkScores raw = ForkScores.of(1_000, 900, 1_100);
        // 1,300 / 1,000 = 1.30; 1,200 / 1,100 = 1.09; 1,500 / 900 = 1.67
        assertThat(engine.ratioTo(raw)).isEqualTo("1.30x [1.09–1.67]");
    }

    @Test
    void noForkScoresIsAnErrorThatSaysSo() {
        assertThatThrownBy(ForkScores::of).isInstanceOf(IllegalArgumentException.class).hasMessage("no fork scores");
        assertThatThrownBy(() -> new ForkScores(5, 6, 7, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min <= median <= max");
    }
}
