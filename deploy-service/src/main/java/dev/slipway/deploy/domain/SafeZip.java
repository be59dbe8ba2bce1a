package dev.slipway.deploy.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** Extracts an artifact, refusing any entry that would land outside the target directory (zip slip). */
public final class SafeZip {

    private SafeZip() {
    }

    public static void extract(Path zipFile, Path into) {
        Path base = into.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Files.createDirectories(base);
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = inside(base, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                if (target.equals(base)) {
                    throw new DeployException("zip entry '" + entry.getName() + "' is a file without a name");
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        } catch (ZipException e) {
            throw new DeployException("artifact is not a readable zip archive: " + e.getMessage(), e);
        } catch (FileAlreadyExistsException e) {
            throw new DeployException("artifact has two entries for " + base.relativize(Path.of(e.getFile())), e);
        } catch (IOException e) {
            throw new DeployException("cannot extract artifact: " + e, e);
        }
    }

    private static Path inside(Path base, String name) {
        Path target;
        try {
            target = base.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw new DeployException("zip entry '" + name + "' is not a valid path");
        }
        if (!target.startsWith(base)) {
            throw new DeployException("zip entry '" + name + "' escapes the release directory");
        }
        return target;
    }
}
