package dev.slipway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The published material in {@code ../shared/reference/} (next to the project root), read in place and
 * never copied into the project.
 */
public final class Reference {

    private Reference() {
    }

    /** @param relative a path below {@code shared/reference/}, e.g. {@code github-webhooks/hmac-sha256-test-vectors.json} */
    public static Path path(String relative) {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("reference");
            if (Files.isDirectory(candidate)) {
                Path file = candidate.resolve(relative);
                if (!Files.exists(file)) {
                    throw new IllegalStateException("no " + relative + " in " + candidate);
                }
                return file;
            }
        }
        throw new IllegalStateException("shared/reference not found above " + dir);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
