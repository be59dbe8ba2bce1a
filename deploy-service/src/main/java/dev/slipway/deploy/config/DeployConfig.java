package dev.slipway.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "slipway.deploy")
public interface DeployConfig {

    /** Where artifacts are downloaded from: {@code GET {url}/api/artifacts/{digest}}. */
    @WithDefault("http://127.0.0.1:8082")
    String buildServiceUrl();

    /** Release directories live under {@code {data-dir}/sites/}. */
    @WithDefault("${user.home}/.slipway/deploy")
    Path dataDir();

    /** The base of environment URLs: {@code {public-url}/sites/{app}/{environment}/}. */
    @WithDefault("http://127.0.0.1:8083")
    String publicUrl();

    /** How long one artifact download may take. */
    @WithDefault("60s")
    Duration artifactTimeout();

    /** How often a running deploy proves it is alive. */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** A deploy whose heartbeat is older than this was cut short by a restart and is resolved. */
    @WithDefault("60s")
    Duration staleAfter();

    /** How often stale deploys are looked for (also once at startup). */
    @WithDefault("30s")
    Duration recoveryInterval();

    /** How many environments deploy at the same time; each environment runs one deploy at a time. */
    @WithDefault("4")
    int parallelDeploys();

    /** How long the deploy worker waits when it found nothing to do (new deployments wake it at once). */
    @WithDefault("1s")
    Duration workerIdle();
}
