package dev.slipway.build.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /**
     * The container engine that builds and pushes images of services with {@code image:} (FR-012): {@code docker}
     * or {@code podman}, found on {@code PATH}, or a full path.
     */
    @WithDefault("docker")
    String containerEngine();

    /** Where people reach this service: commit statuses link to {@code <public-url>/api/builds/<n>/log}. */
    @WithDefault("http://localhost:8082")
    URI publicUrl();

    /** Commit statuses on GitHub (FR-002): what branch protection holds a pull request's merge to. */
    GitHub github();

    interface GitHub {
        /** GitHub's REST API; GitHub Enterprise Server's is {@code https://<host>/api/v3}. */
        @WithDefault("https://api.github.com")
        URI apiUrl();

        /**
         * A token allowed to write commit statuses (a fine-grained token with "Commit statuses: write", or a
         * classic one with {@code repo:status}). Without one no statuses are sent. Secret: never logged.
         */
        Optional<String> token();

        /**
         * The wait before the second attempt of a status GitHub did not take (an outage, 5xx, no answer); doubled
         * before the third. No status at all is sent during the wait, so one outage does not use up the attempts of
         * every queued status. A rate limit is waited out as long as GitHub asks, up to an hour.
         */
        @WithDefault("30s")
        Duration backoff();

        /**
         * Limit for one request to GitHub. A status being sent is hidden from other senders for three times this
         * (at least two minutes), so no two instances post it at once.
         */
        @WithDefault("10s")
        Duration timeout();

        /** How long sent and failed statuses are kept for inspection before they are deleted. */
        @WithDefault("P7D")
        Duration statusRetention();
    }
}
