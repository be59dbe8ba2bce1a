package dev.slipway.deploy.domain.netlify;

import dev.slipway.deploy.domain.DeployException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A static site's files as a Netlify file-digest deploy names them: paths from {@code /} with {@code /} separators,
 * each with the SHA-1 of its content.
 */
final class SiteFiles {

    /** One file: its content is on disk ({@code file}) or given ({@code bytes}). */
    record Entry(String path, String sha1, Path file, byte[] bytes) {

        byte[] read() {
            if (bytes != null) {
                return bytes;
            }
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new DeployException("cannot read " + file + " to upload it to Netlify: " + e.getMessage(), e);
            }
        }
    }

    private SiteFiles() {
    }

    /**
     * Every regular file under {@code siteDir} (symbolic links followed when they stay inside it), then
     * {@code extraFiles}, which replace a file at the same path. Like Netlify's CLI, names starting with a dot
     * (except {@code .well-known}) and {@code __MACOSX} are left out, and {@code #} or {@code ?} in a name fail.
     *
     * @throws DeployException naming the path when a link leads outside the site, or a name cannot be deployed
     */
    static Map<String, Entry> scan(Path siteDir, Map<String, byte[]> extraFiles) {
        Map<String, Entry> files = new TreeMap<>();
        try {
            Path root = siteDir.toRealPath();
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    requireInside(root, dir);
                    return skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (!attrs.isRegularFile() || skipped(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    requireInside(root, file);
                    String path = sitePath(root.relativize(file));
                    files.put(path, new Entry(path, sha1(file), file, null));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        throw new DeployException("the site's link " + root.relativize(file) + " leads into a loop");
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new DeployException("cannot read the site's files in " + siteDir + ": " + e.getMessage(), e);
        }
        extraFiles.forEach((path, bytes) -> {
            checkExtraPath(path);
            files.put(path, new Entry(path, sha1(bytes), null, bytes));
        });
        return files;
    }

    private static void requireInside(Path root, Path path) throws IOException {
        if (!path.toRealPath().startsWith(root)) {
            throw new DeployException("the site's link " + root.relativize(path) + " leads outside the site, to "
                    + path.toRealPath());
        }
    }

    private static boolean skipped(Path path) {
        String name = path.getFileName().toString();
        return (name.startsWith(".") && !name.equals(".well-known")) || name.equals("__MACOSX");
    }

    private static String sitePath(Path relative) {
        List<String> names = new ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        String path = "/" + String.join("/", names);
        if (path.contains("#") || path.contains("?")) {
            throw new DeployException("Netlify cannot serve " + path + ": file names cannot contain # or ?");
        }
        return path;
    }

    private static void checkExtraPath(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("//")
                || path.contains("/../") || path.contains("/./") || path.endsWith("/..") || path.endsWith("/.")
                || path.contains("#") || path.contains("?") || path.contains("\\")) {
            throw new DeployException("a generated site file needs a path like /_redirects, got '" + path + "'");
        }
    }

    static String sha1(byte[] bytes) {
        return HexFormat.of().formatHex(sha1().digest(bytes));
    }

    private static String sha1(Path file) throws IOException {
        MessageDigest digest = sha1();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
