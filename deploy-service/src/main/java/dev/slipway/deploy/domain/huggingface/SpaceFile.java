package dev.slipway.deploy.domain.huggingface;

import java.util.Arrays;

/** A file to commit to a Space: its path in the repository ({@code /}-separated) and its bytes. */
public record SpaceFile(String path, byte[] content) {

    public SpaceFile {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || Arrays.asList(path.split("/", -1)).stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw new IllegalArgumentException("a Space file's path is relative and '/'-separated, without '.' or '..'"
                    + " segments; got '" + path + "'");
        }
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpaceFile f && f.path.equals(path) && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
