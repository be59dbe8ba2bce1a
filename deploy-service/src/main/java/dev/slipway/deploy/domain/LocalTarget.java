package dev.slipway.deploy.domain;

import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.deploy.domain.edge.EdgeEnvironment;
import dev.slipway.deploy.domain.edge.EdgeException;
import dev.slipway.deploy.domain.edge.SlotPlan;
import dev.slipway.events.TargetSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The embedded target: releases extracted on this machine and run by the edge, a process of its own that keeps
 * two slots (blue and green) per environment and routes the environment's URL to the live one.
 *
 * <pre>
 * {dataDir}/sites/{app}/{env}/releases/{version}/{component}/...   extracted artifacts, never rewritten
 * </pre>
 * A deploy extracts the release, runs its migrations, starts it in the idle slot, checks every component there
 * and only then switches the edge's route: all components at once. The previous slot stays warm for a while, so
 * rolling back to it is only a switch.
 */
public final class LocalTarget implements DeployTarget {
    public static final String NAME = "local";
    private static final String RELEASES = "releases";

    private final Path sitesDir;
    private final String publicUrl;
    private final EdgeClient edge;
    private final VerifiedArtifacts artifacts;
    private final SlotReadiness readiness;
    private final Duration migrateTimeout;
    private final Duration retainPrevious;

    /**
     * @param publicUrl      the edge's public URL; environments are served at {@code {publicUrl}/{app}/{env}/}
     * @param readiness      how a started slot is checked before the switch
     * @param retainPrevious how long the slot switched away from keeps running
     */
    public LocalTarget(Path dataDir, String publicUrl, EdgeClient edge, ArtifactSource artifacts,
                       SlotReadiness readiness, Duration migrateTimeout, Duration retainPrevious) {
        this.sitesDir = dataDir.toAbsolutePath().normalize().resolve("sites");
        this.publicUrl = publicUrl.replaceFirst("/+$", "");
        this.edge = edge;
        this.artifacts = new VerifiedArtifacts(artifacts);
        this.readiness = readiness;
        this.migrateTimeout = migrateTimeout;
        this.retainPrevious = retainPrevious;
    }

    @Override
    public URI environmentUrl(String app, String environment, TargetSettings settings) {
        return URI.create(publicUrl + "/" + Names.require(app, "app") + "/"
                + Names.require(environment, "environment") + "/");
    }

    @Override
    public PreparedRelease prepare(Release release, DeployLog log) {
        extract(release, log);
        migrate(release, log);
        return start(release, log);
    }

    @Override
    public PreparedRelease restore(Release release, DeployLog log) {
        if (!isKept(release)) {
            throw new DeployException("the release of version " + release.version() + " is no longer kept");
        }
        EdgeEnvironment now = edgeEnvironment(release);
        return now.warmSlotOf(release.version())
                .map(slot -> {
                    log.line("version " + release.version() + " is still warm in slot " + slot);
                    return new PreparedRelease(release, slot);
                })
                .orElseGet(() -> start(release, log));
    }

    @Override
    public boolean isKept(Release release) {
        return Files.isDirectory(releaseDir(release), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void switchTo(PreparedRelease prepared) {
        Release release = prepared.release();
        try {
            edge.switchTo(release.app(), release.environment(), prepared.slot(), release.version(), retainPrevious);
        } catch (EdgeException e) {
            if (e.status() == 0 && switched(release)) {
                // the answer was lost, not the switch
                return;
            }
            throw new DeployException("cannot switch " + release.app() + "/" + release.environment() + " to version "
                    + release.version() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the edge serves the release after a switch whose answer was lost; when the edge cannot say, neither
     * can anyone, and the caller must settle it later rather than record a failure that may be false.
     */
    private boolean switched(Release release) {
        try {
            return liveVersion(release).equals(OptionalLong.of(release.version()));
        } catch (EdgeException e) {
            throw new SwitchOutcomeUnknownException("switching " + release.app() + "/" + release.environment()
                    + " to version " + release.version() + " got no answer, and the edge cannot say what it serves: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void discard(PreparedRelease prepared) {
        stopQuietly(prepared.release(), prepared.slot());
    }

    @Override
    public OptionalLong liveVersion(Release release) {
        EdgeEnvironment.Live live = edge.environment(release.app(), release.environment()).live();
        return live == null ? OptionalLong.empty() : OptionalLong.of(live.version());
    }

    @Override
    public boolean isServing(Release release) {
        EdgeEnvironment now = edgeEnvironment(release);
        return now.live() != null && now.live().version() == release.version()
                && now.slot(now.live().slot()).filter(s -> s.version() == release.version())
                .map(EdgeEnvironment.SlotView::allRunning).orElse(false);
    }

    @Override
    public void tearDown(String app, String environment, TargetSettings settings, RuntimeConfig config) {
        edge.remove(app, environment);
        deleteTree(environmentDir(app, environment));
    }

    /**
     * Downloads, verifies and extracts every component into a staging directory, then renames it to the release
     * directory, so a release directory is complete or absent.
     */
    private void extract(Release release, DeployLog log) {
        Path releases = environmentDir(release.app(), release.environment()).resolve(RELEASES);
        Path releaseDir = releaseDir(release);
        Path staging = null;
        try {
            Files.createDirectories(releases);
            if (Files.exists(releaseDir, LinkOption.NOFOLLOW_LINKS)) {
                throw new DeployException("release directory " + releaseDir + " already exists and is never"
                        + " rewritten (is the data directory from another database?)");
            }
            staging = Files.createTempDirectory(releases, ".staging-" + release.version() + "-");
            for (ReleaseComponent component : release.components()) {
                log.line("fetching " + component.name() + " (" + component.artifact() + ", "
                        + component.artifactSize() + " bytes)");
                artifacts.unpack(component, staging.resolve(component.name()), releases);
            }
            Files.move(staging, releaseDir, StandardCopyOption.ATOMIC_MOVE);
            staging = null;
        } catch (IOException e) {
            throw new DeployException("cannot prepare release " + release.version() + ": " + e, e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /** Runs each {@code migrate:} against the release's configuration, before anything is switched. */
    private void migrate(Release release, DeployLog log) {
        for (ReleaseComponent component : release.components()) {
            if (component.migrate() == null) {
                continue;
            }
            log.line("migrating " + component.name() + ": " + component.migrate());
            ShellCommand.Result result = ShellCommand.run(component.migrate(),
                    releaseDir(release).resolve(component.name()), release.processEnvironment(), migrateTimeout);
            result.output().lines().forEach(line -> log.line(component.name() + " migrate | " + line));
            if (!result.succeeded()) {
                throw new DeployException("component " + component.name() + ": migration '" + component.migrate()
                        + "' " + (result.timedOut() ? "did not finish within " + migrateTimeout
                        : "failed with exit code " + result.exitCode()) + lastLine(result.output()));
            }
        }
    }

    /** Starts the release in the idle slot and waits until every component is ready there. */
    private PreparedRelease start(Release release, DeployLog log) {
        String slot = edgeEnvironment(release).idleSlot();
        log.line("starting version " + release.version() + " in slot " + slot);
        try {
            edge.prepare(release.app(), release.environment(), slot, plan(release));
            readiness.await(release, slot, log);
            return new PreparedRelease(release, slot);
        } catch (EdgeException | DeployException e) {
            stopQuietly(release, slot);
            throw e instanceof DeployException deploy ? deploy : new DeployException(e.getMessage(), e);
        }
    }

    private SlotPlan plan(Release release) {
        Path dir = releaseDir(release);
        SlotPlan.StaticSite site = release.staticComponents().stream().findFirst()
                .map(c -> new SlotPlan.StaticSite(c.name(), dir.resolve(c.name()))).orElse(null);
        Map<String, String> env = release.processEnvironment();
        List<SlotPlan.Service> services = release.services().stream()
                .map(c -> new SlotPlan.Service(c.name(), c.route(), c.run(), dir.resolve(c.name()), env))
                .toList();
        return new SlotPlan(release.version(), site, services);
    }

    private EdgeEnvironment edgeEnvironment(Release release) {
        try {
            return edge.environment(release.app(), release.environment());
        } catch (EdgeException e) {
            throw new DeployException(e.getMessage(), e);
        }
    }

    private void stopQuietly(Release release, String slot) {
        try {
            edge.stop(release.app(), release.environment(), slot);
        } catch (EdgeException e) {
            // the slot is not live; whatever still runs there is stopped when it is prepared next
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
    }

    public Path releaseDir(Release release) {
        return environmentDir(release.app(), release.environment()).resolve(RELEASES)
                .resolve(Long.toString(release.version()));
    }

    private Path environmentDir(String app, String environment) {
        return sitesDir.resolve(Names.require(app, "app")).resolve(Names.require(environment, "environment"));
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // leftovers of a removed environment are never served; nothing else to do
        }
    }
}
