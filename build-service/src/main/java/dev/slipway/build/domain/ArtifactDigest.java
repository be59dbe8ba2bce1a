package dev.slipway.build.domain;

import java.util.HexFormat;
import java.util.regex.Pattern;

/** The content address of an artifact: {@code sha256:<64 lower-case hex digits>} of its bytes. */
public record ArtifactDigest(String hex) {
    private static final String PREFIX = "sha256:";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public ArtifactDigest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("an artifact digest is sha256: followed by 64 lower-case hex digits");
        }
    }

    public static ArtifactDigest of(byte[] sha256) {
        return new ArtifactDigest(HexFormat.of().formatHex(sha256));
    }

    /** @throws IllegalArgumentException naming the expected form when {@code text} is not a digest */
    public static ArtifactDigest parse(String text) {
        if (text != null && text.startsWith(PREFIX) && HEX.matcher(text.substring(PREFIX.length())).matches()) {
            return new ArtifactDigest(text.substring(PREFIX.length()));
        }
        throw new IllegalArgumentException("'" + text + "' is not an artifact digest: expected sha256: followed by 64 lower-case hex digits");
    }

    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
