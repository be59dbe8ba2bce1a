package dev.slipway.ingest.config;

import dev.slipway.ingest.domain.ForkPullRequests;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "slipway.ingest")
public interface IngestConfig {

    /**
     * Base64 of 32 random bytes: the AES-256 key that seals webhook secrets at rest. Optional here only so
     * that its absence is reported by {@link dev.slipway.platform.security.SecretCipher} with how to make one.
     */
    Optional<String> encryptionKey();

    /** Where the bare cache repositories that slipway.yml is read from live, one per registered repository. */
    @WithDefault("${user.home}/.slipway/ingest/git")
    Path gitCacheDir();

    /** How long one git command (above all the fetch) may run before it is killed. */
    @WithDefault("60s")
    Duration gitTimeout();

    /**
     * {@code ignore} (the default) or {@code build}: whether pull requests from forks are built. A build runs the
     * pull request's own steps as the build service's user, so turn it on only where builds are isolated from it.
     * Any other value stops the service at startup, naming this property.
     */
    @WithDefault("ignore")
    ForkPullRequests forkPullRequests();
}
