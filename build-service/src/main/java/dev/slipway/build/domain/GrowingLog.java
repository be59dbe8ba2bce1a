package dev.slipway.build.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The log file of a running step, read in whole lines as it grows, so the step can be followed while it runs.
 * Whole lines, because text is only decoded and secrets only masked reliably a line at a time. Hands out at most
 * {@link StepLog#MAX_BYTES} like the stored log keeps; when the step ends its final log replaces what was handed out.
 */
public final class GrowingLog {
    static final String CUT = "[more output follows; when the step ends, the last "
            + StepLog.MAX_BYTES / (1024 * 1024) + " MiB of its log are kept]\n";

    private final Path file;
    private long offset;
    private boolean cut;

    public GrowingLog(Path file) {
        this.file = file;
    }

    /** The whole lines written since the last call, "" when there are none yet. */
    public String newLines() throws IOException {
        if (cut) {
            return "";
        }
        long available;
        try {
            available = Files.size(file) - offset;
        } catch (NoSuchFileException e) {
            return ""; // the step's process has not written anything yet
        }
        long budget = StepLog.MAX_BYTES - offset;
        if (available <= 0) {
            return "";
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            bytes = in.readNBytes((int) Math.min(available, budget));
        }
        int end = lastLineEnd(bytes) + 1;
        offset += end;
        String lines = StepLog.text(Arrays.copyOf(bytes, end));
        if (available > budget) {
            cut = true;
            return lines + CUT;
        }
        return lines;
    }

    private static int lastLineEnd(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
