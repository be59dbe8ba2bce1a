package dev.slipway.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files only their owner may read (rw-------), from the moment they exist; replaced atomically. */
final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}: written to an owner-only temporary file in the same directory,
     * then moved over it in one step, so a reader sees the old content or the new, never half of it.
     */
    static void write(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", ownerOnly(dir));
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new CliException("cannot replace " + file + " atomically on this file system: " + e.getMessage());
            }
            temp = null;
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a stray temporary file holds nothing a reader uses
                }
            }
        }
    }

    /** Creates {@code file} empty and owner-only if it does not exist; narrows an existing one to owner-only. */
    static void ensure(Path file, String initialContent) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                write(file, initialContent);
                return;
            }
            if (posix(file.getParent()) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another process: fine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileAttribute<?>[] ownerOnly(Path dir) {
        return posix(dir) ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
