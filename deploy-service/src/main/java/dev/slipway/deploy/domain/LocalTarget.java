package dev.slipway.deploy.domain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The embedded target: static sites served from immutable release directories on this machine.
 *
 * <pre>
 * {dataDir}/sites/{app}/{env}/releases/{version}/{component}/...   extracted artifacts, never rewritten
 * {dataDir}/sites/{app}/{env}/releases/{version}/.site             the name of the component that is served
 * {dataDir}/sites/{app}/{env}/current -> releases/{version}        the live release, replaced atomically
 * </pre>
 */
public final class LocalTarget implements DeployTarget {
    public static final String NAME = "local";
    static final String SITE_MARKER = ".site";
    private static final String CURRENT = "current";
    private static final String RELEASES = "releases";

    private final Path sitesDir;
    private final String publicUrl;
    private final ArtifactSource artifacts;

    public LocalTarget(Path dataDir, String publicUrl, ArtifactSource artifacts) {
        this.sitesDir = dataDir.toAbsolutePath().normalize().resolve("sites");
        this.publicUrl = publicUrl.replaceFirst("/+$", "");
        this.artifacts = artifacts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public URI environmentUrl(String app, String environment) {
        return URI.create(publicUrl + "/sites/" + Names.require(app, "app") + "/"
                + Names.require(environment, "environment") + "/");
    }

    /**
     * Downloads, verifies and extracts every static component into a staging directory, then renames it
     * to the release directory, so a release directory is complete or absent. Service components are
     * recorded with the release but have nothing to put in place yet.
     */
    @Override
    public PreparedRelease prepare(Release release) {
        Path releases = environmentDir(release.app(), release.environment()).resolve(RELEASES);
        Path releaseDir = releaseDir(release.app(), release.environment(), release.version());
        Path staging = null;
        try {
            Files.createDirectories(releases);
            if (Files.exists(releaseDir, LinkOption.NOFOLLOW_LINKS)) {
                throw new DeployException("release directory " + releaseDir + " already exists and is never"
                        + " rewritten (is the data directory from another database?)");
            }
            staging = Files.createTempDirectory(releases, ".staging-" + release.version() + "-");
            for (ReleaseComponent component : release.staticComponents()) {
                putInPlace(component, staging.resolve(component.name()), releases);
            }
            if (!release.staticComponents().isEmpty()) {
                Files.writeString(staging.resolve(SITE_MARKER), release.staticComponents().get(0).name(),
                        StandardCharsets.UTF_8);
            }
            Files.move(staging, releaseDir, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
            return new PreparedRelease(release, releaseDir.toString());
        } catch (IOException e) {
            throw new DeployException("cannot prepare release " + release.version() + ": " + e, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    private void putInPlace(ReleaseComponent component, Path into, Path scratch) throws IOException {
        Path download = Files.createTempFile(scratch, ".download-", ".zip");
        try {
            artifacts.download(component.artifact(), download);
            Digest actual = Digest.of(download);
            if (!actual.equals(component.artifact())) {
                throw new DeployException("artifact " + component.artifact() + " does not match its digest"
                        + " (the bytes downloaded hash to " + actual + ")");
            }
            SafeZip.extract(download, into);
        } catch (DeployException e) {
            throw new DeployException("component " + component.name() + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(download);
        }
    }

    /**
     * Points {@code current} at the prepared release: a new symbolic link renamed over the old one, which
     * POSIX makes atomic, so every request sees either the old release or the new one.
     */
    @Override
    public void switchTo(PreparedRelease prepared) {
        Release release = prepared.release();
        Path envDir = environmentDir(release.app(), release.environment());
        Path link = envDir.resolve(".current-" + UUID.randomUUID());
        try {
            if (!Files.isDirectory(releaseDir(release.app(), release.environment(), release.version()))) {
                throw new DeployException("release directory of version " + release.version() + " is missing");
            }
            Files.createSymbolicLink(link, relativeReleasePath(release.version()));
            Files.move(link, envDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeployException("cannot switch " + release.app() + "/" + release.environment() + " to release "
                    + release.version() + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(link);
            } catch (IOException e) {
                // a stray temporary link is harmless; the switch result is what matters
            }
        }
    }

    @Override
    public Optional<PreparedRelease> kept(Release release) {
        Path releaseDir = releaseDir(release.app(), release.environment(), release.version());
        return Files.isDirectory(releaseDir, LinkOption.NOFOLLOW_LINKS)
                ? Optional.of(new PreparedRelease(release, releaseDir.toString()))
                : Optional.empty();
    }

    @Override
    public boolean isLive(String app, String environment, long version) {
        Path current = environmentDir(app, environment).resolve(CURRENT);
        try {
            return Files.isSymbolicLink(current) && Files.readSymbolicLink(current).equals(relativeReleasePath(version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + current, e);
        }
    }

    /**
     * The directory the environment's URL serves now, resolved to a real path once so that one request is
     * answered from one release even while a switch happens; empty when nothing static is live.
     */
    public Optional<Path> siteRoot(String app, String environment) {
        if (!Names.isValid(app) || !Names.isValid(environment)) {
            return Optional.empty();
        }
        Path current = environmentDir(app, environment).resolve(CURRENT);
        try {
            Path release = current.toRealPath();
            Path marker = release.resolve(SITE_MARKER);
            if (!Files.isRegularFile(marker)) {
                return Optional.empty();
            }
            String component = Files.readString(marker, StandardCharsets.UTF_8).trim();
            if (!Names.isValid(component)) {
                return Optional.empty();
            }
            Path root = release.resolve(component);
            return Files.isDirectory(root) ? Optional.of(root.toRealPath()) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the live release of " + app + "/" + environment, e);
        }
    }

    public Path releaseDir(String app, String environment, long version) {
        return environmentDir(app, environment).resolve(RELEASES).resolve(Long.toString(version));
    }

    private Path environmentDir(String app, String environment) {
        return sitesDir.resolve(Names.require(app, "app")).resolve(Names.require(environment, "environment"));
    }

    // relative, so the data directory can be moved without breaking the link
    private static Path relativeReleasePath(long version) {
        return Path.of(RELEASES, Long.toString(version));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers of a failed staging directory are never served; nothing else to do
        }
    }
}
