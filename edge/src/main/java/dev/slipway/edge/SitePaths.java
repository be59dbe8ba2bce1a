package dev.slipway.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Maps a request path onto a file of a site, never onto anything outside the site's root. */
final class SitePaths {
    private static final String INDEX = "index.html";

    private SitePaths() {
    }

    /**
     * @param root        the site's root directory, a real path (symbolic links resolved)
     * @param requestPath the decoded path below the environment URL, e.g. {@code css/app.css} or empty
     * @return the file to serve, or empty when there is none inside the root
     */
    static Optional<Path> resolve(Path root, String requestPath) {
        if (requestPath.indexOf('\0') >= 0 || requestPath.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        Path candidate;
        try {
            candidate = root.resolve(requestPath.replaceFirst("^/+", "")).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(root)) {
            return Optional.empty();
        }
        if (Files.isDirectory(candidate)) {
            candidate = candidate.resolve(INDEX);
        }
        if (!Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        try {
            // a symbolic link inside the site could still point outside it
            Path real = candidate.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
