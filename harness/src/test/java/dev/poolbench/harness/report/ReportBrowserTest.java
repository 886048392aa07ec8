package dev.poolbench.harness.report;

import dev.poolbench.harness.measure.ResultsWriter;
import dev.poolbench.harness.measure.RowResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The report of a default-sized run (40 rows: 8 scenarios × 5 engines) stays under the SPEC §9
 * weight limit, and, opened in headless Chromium at 1400×900 as a new reader would, shows the
 * summary matrix on its first screen: the matrix precedes every chart and the manifest in the
 * DOM, and the screenshot's first screen holds the cells' colour. The browser part is skipped
 * (an assumption, not a failure) on a machine without Chromium.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReportBrowserTest {

    private static final List<String> SCENARIOS = List.of("OneToManyWorkerPool", "FourStageRoutePipeline",
            "FanOutFanInCombiner", "ThreeToOneMerge", "BlockingAt1000", "BlockingAt10000", "RateLimitedWorker",
            "ScenarioEight");
    private static final List<String> ENGINES = List.of("sequential", "executor", "virtual", "forkjoin", "disruptor");
    private static final long MAX_HTML_BYTES = 1_500_000;

    private static Path report;

    @BeforeAll
    static void writeADefaultSizedReport(@TempDir Path tmp) throws Exception {
        List<RowResult> rows = new ArrayList<>();
        for (String s : SCENARIOS) {
            for (int e = 0; e < ENGINES.size(); e++) {
                rows.add(ReportTest.row(ENGINES.get(e), s, e == 0 ? 1 : 2, 100_000 * (1 + e), 200L * (ENGINES.size() - e)
                        + 20_000, 1000 - 100 * e, null));
            }
        }
        Path results = tmp.resolve("results");
        new ResultsWriter(results).write(Map.of("run_id", "forty", "cores", "2", "cpu_model", "Test CPU",
                "jvm_version", "25", "gc", "G1GC", "forks", "1", "started_utc", "2026-11-30T17:00:00Z"), rows);
        report = Report.write(List.of(results), tmp.resolve("report")).html();
    }

    @Test
    void theDefaultRunsReportWeighsAtMostOneAndAHalfMegabytes() throws Exception {
        assertThat(Files.size(report)).as("report.html bytes").isLessThanOrEqualTo(MAX_HTML_BYTES);
    }

    @Test
    void theFirstScreenShowsTheMatrix() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "no chromium on PATH: the browser check is skipped");
        Path dir = report.getParent();
        String dom = run(chromium.get(), dir, "--dump-dom", report.toUri().toString());
        int matrix = dom.indexOf("<table class=\"matrix\"");
        assertThat(matrix).as("matrix table in the rendered DOM").isPositive();
        assertThat(dom.indexOf("<svg")).as("first chart").isGreaterThan(matrix);
        assertThat(dom.indexOf("id=\"manifest\"")).isGreaterThan(matrix);

        Path png = dir.resolve("first-screen.png");
        run(chromium.get(), dir, "--window-size=1400,900", "--screenshot=" + png, report.toUri().toString());
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1400);
        assertThat(shot.getHeight()).isEqualTo(900);
        // the best cell of each row wears the top of the colour scale; 8 rows of it must be on screen
        assertThat(pixelsNear(shot, HtmlReport.shade(1.0))).as("pixels of the best cells' colour")
                .isGreaterThan(8 * 1500);
        assertThat(pixelsNear(shot, new Color(0x222222))).as("text pixels").isGreaterThan(2000);
    }

    private static long pixelsNear(BufferedImage img, Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                Color p = new Color(img.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= 24 && Math.abs(p.getGreen() - c.getGreen()) <= 8
                        && Math.abs(p.getBlue() - c.getBlue()) <= 24) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Optional<String> chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    /** Runs headless Chromium in {@code dir} (its profile there too) and returns its standard output. */
    private static String run(String chromium, Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("chromium-profile")));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + cmd);
        }
        assertThat(p.exitValue()).as("chromium exit; stderr: " + Files.readString(dir.resolve("chromium.err")))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
