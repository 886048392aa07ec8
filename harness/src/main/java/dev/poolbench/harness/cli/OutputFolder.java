package dev.poolbench.harness.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any work starts, that an output folder (or an output file's folder) can be
 * created and written, so that a bad {@code --out} is a usage error (exit 2) naming the folder and the reason rather than an
 * I/O stack trace after the first row. The check really creates the folder and a file in it
 * (the only reliable test: {@code /proc/x} looks writable to root but refuses mkdir), then removes
 * what it created, so a run rejected later for another reason leaves nothing behind.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * @param option the option the folder came from, e.g. {@code --out}, for the message
     * @throws IllegalArgumentException {@code <option> <dir>: cannot create (<reason>)}, or {@code cannot write}
     *                                  for a folder that exists
     */
    static void check(String option, Path dir) {
        String problem = problem(dir);
        if (problem != null) {
            throw new IllegalArgumentException(option + " " + dir + ": " + problem);
        }
    }

    /**
     * The same for an output file: its folder must be creatable and writable, and it must not be a folder.
     *
     * @throws IllegalArgumentException {@code <option> <file>: its folder <dir>: cannot create (<reason>)}
     */
    static void checkFile(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + ": is a folder; expected a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        String problem = dir == null ? null : problem(dir);
        if (problem != null) {
            throw new IllegalArgumentException(option + " " + file + ": its folder " + dir + ": " + problem);
        }
    }

    /** Why {@code dir} cannot be an output folder, or null when it can. */
    private static String problem(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return "cannot create (a file of that name exists)";
        }
        String verb = Files.isDirectory(dir) ? "cannot write" : "cannot create";
        List<Path> created = new ArrayList<>(); // the deepest first
        try {
            for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
                created.add(p);
            }
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".poolbench-write-check", ""));
            return null;
        } catch (IOException e) {
            return verb + " (" + reason(e, dir) + ")";
        } finally {
            for (Path p : created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    break; // not empty (someone else wrote there) or never made: leave it and its parents
                }
            }
        }
    }

    /** The operating system's reason, and the path it refers to when that is not the folder itself. */
    static String reason(IOException e, Path dir) {
        if (!(e instanceof FileSystemException fse)) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String why = fse.getReason() != null ? fse.getReason()
                : e instanceof NoSuchFileException ? "No such file or directory"
                : e instanceof AccessDeniedException ? "Permission denied"
                : e instanceof FileAlreadyExistsException ? "a file is in the way"
                : e.getClass().getSimpleName();
        String file = fse.getFile();
        boolean elsewhere = file != null && !Path.of(file).toAbsolutePath().equals(dir.toAbsolutePath());
        return elsewhere ? why + ": " + file : why;
    }
}
