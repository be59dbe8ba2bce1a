package dev.slipway.build.domain;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Content-addressed zips on disk: {@code <root>/sha256/<hex>.zip}, the digest being that of the zip's bytes.
 * Entries are in path order with one fixed timestamp, so the same files always give the same digest and a
 * rollback can ask for exactly the bytes that were tested. A zip is complete before it appears under its
 * address: it is written to a temporary file beside the store and moved in atomically.
 */
public final class ArtifactStore {
    /** DOS time has no time zone; a local date-time keeps the bytes the same on every machine. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final Path root;

    public ArtifactStore(Path root) {
        this.root = root;
    }

    /**
     * Zips {@code folder}. Links are followed only to files inside {@code boundary} (the repository), so a
     * build cannot publish files of the machine it ran on.
     */
    public StoredArtifact store(Path folder, Path boundary) throws IOException, ArtifactException {
        List<Entry> entries = entries(folder, boundary.toRealPath());
        Path tmpDir = Files.createDirectories(root.resolve("tmp"));
        Path tmp = tmpDir.resolve(UUID.randomUUID() + ".zip.part");
        try {
            MessageDigest sha256 = sha256();
            try (OutputStream file = Files.newOutputStream(tmp);
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new DigestOutputStream(file, sha256)))) {
                for (Entry entry : entries) {
                    ZipEntry zipEntry = new ZipEntry(entry.name());
                    zipEntry.setTimeLocal(ENTRY_TIME);
                    zip.putNextEntry(zipEntry);
                    if (entry.content() != null) {
                        Files.copy(entry.content(), zip);
                    }
                    zip.closeEntry();
                }
            }
            ArtifactDigest digest = ArtifactDigest.of(sha256.digest());
            long size = Files.size(tmp);
            Path target = Files.createDirectories(root.resolve("sha256")).resolve(digest.hex() + ".zip");
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StoredArtifact(digest, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public Optional<Path> find(ArtifactDigest digest) {
        Path file = root.resolve("sha256").resolve(digest.hex() + ".zip");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** @param content null for a folder */
    private record Entry(String name, Path content) {
    }

    private static List<Entry> entries(Path folder, Path boundary) throws IOException, ArtifactException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(p -> !p.equals(folder)).toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path path : paths) {
            String name = unixPath(folder.relativize(path));
            if (Files.isSymbolicLink(path)) {
                Path target = path.toRealPath();
                if (!target.startsWith(boundary)) {
                    throw new ArtifactException(name + " is a link to " + target + ", outside the repository");
                }
                if (!Files.isRegularFile(target)) {
                    throw new ArtifactException(name + " is a link to a folder; only links to files can be packaged");
                }
                entries.add(new Entry(name, target));
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new Entry(name + "/", null));
            } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(new Entry(name, path));
            } else {
                throw new ArtifactException(name + " is neither a file nor a folder");
            }
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return entries;
    }

    private static String unixPath(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The output cannot be packaged as it is; the message names the file. */
    public static class ArtifactException extends Exception {
        public ArtifactException(String message) {
            super(message);
        }
    }
}
