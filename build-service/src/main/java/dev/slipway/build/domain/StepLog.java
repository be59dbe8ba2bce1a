package dev.slipway.build.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The output of a step as it is stored and shown: bounded in size, valid text, its last lines at hand. */
public final class StepLog {
    /** A runaway step must not fill the database; the end of a log is what explains a failure. */
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int TAIL_LINES = 20;

    private StepLog() {
    }

    /** Reads a log file, keeping its last {@link #MAX_BYTES} bytes. */
    public static String read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        long size = Files.size(file);
        if (size <= MAX_BYTES) {
            try (InputStream in = Files.newInputStream(file)) {
                return text(in.readAllBytes());
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(size - MAX_BYTES);
            String text = text(in.readNBytes(MAX_BYTES));
            int firstLineEnd = text.indexOf('\n');
            return "[the first " + (size - MAX_BYTES) + " bytes of this log were cut]\n"
                    + (firstLineEnd < 0 ? text : text.substring(firstLineEnd + 1));
        }
    }

    /** The last {@code lines} lines of a log, trailing blank lines left out. */
    public static List<String> tail(String log, int lines) {
        List<String> all = log.lines().toList();
        int end = all.size();
        while (end > 0 && all.get(end - 1).isBlank()) {
            end--;
        }
        return List.copyOf(all.subList(Math.max(0, end - lines), end));
    }

    /** Decodes output that may not be valid UTF-8; NUL is dropped because PostgreSQL text cannot hold it. */
    static String text(byte[] bytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes))
                .toString()
                .replace("\u0000", "");
    }
}
