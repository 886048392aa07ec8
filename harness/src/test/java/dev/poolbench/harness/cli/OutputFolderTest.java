package dev.poolbench.harness.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OutputFolderTest {

    @TempDir
    Path dir;

    @Test
    void aFolderThatCanBeCreatedPassesAndIsRemovedAgainWithTheParentsItNeeded() {
        Path out = dir.resolve("a/b/c");
        assertThatNoException().isThrownBy(() -> OutputFolder.check("--out", out));
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void anExistingFolderPassesAndKeepsItsContentsOnly() throws Exception {
        Files.writeString(dir.resolve("kept.txt"), "x");
        OutputFolder.check("--out", dir);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kept.txt");
        }
    }

    @Test
    void aFolderUnderAFileFailsNamingTheOptionFolderAndReason() throws Exception {
        Files.writeString(dir.resolve("f"), "x");
        Path out = dir.resolve("f/sub/deeper");
        assertThatIllegalArgumentException().isThrownBy(() -> OutputFolder.check("--out", out))
                .withMessageStartingWith("--out " + out + ": cannot create (Not a directory");
        assertThat(dir.resolve("f")).isRegularFile();
    }
}
