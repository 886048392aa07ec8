package dev.poolbench.harness.measure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifest names the build that ran: its commit when git can say, and always the jar's hash. */
class ManifestTest {

    @Test
    void aFilesHashIsItsSha256InHex(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("abc");
        Files.writeString(file, "abc", StandardCharsets.US_ASCII);
        // FIPS 180-2, appendix B.1
        assertThat(Manifest.sha256Of(file))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void theTestsRunFromAClassesFolderAndSaySo() {
        Map<String, String> m = Manifest.collect("r1", List.of("poolbench", "run"), 7, "in-process", null);
        assertThat(m).containsEntry("build_sha256", "classes").containsKeys("git_commit", "git_dirty");
    }
}
