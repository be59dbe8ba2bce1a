package dev.slipway.build.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "slipway.build")
public interface BuildConfig {

    /** Workspaces ({@code workspaces/<build-number>}) and the artifact store ({@code artifacts/sha256/}). */
    @WithDefault("${user.home}/.slipway/build")
    Path dataDir();

    /** Builds run at the same time by this instance. */
    @WithDefault("2")
    int workers();

    /** How often an idle worker looks for queued builds; a push wakes it at once anyway. */
    @WithDefault("2s")
    Duration poll();

    /** How often a running build proves it is alive. */
    @WithDefault("5s")
    Duration heartbeat();

    /** How often what a running step wrote is added to its stored log, where the log API shows it (FR-014). */
    @WithDefault("500ms")
    Duration logFlush();

    /** A running build whose heartbeat is older than this is taken to have lost its worker. */
    @WithDefault("60s")
    Duration staleAfter();

    /** Limit for cloning and checking out the pushed commit. */
    @WithDefault("5m")
    Duration cloneTimeout();

    /** The git executable. */
    @WithDefault("git")
    String git();
}
