package dev.slipway.deploy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "slipway.deploy")
public interface DeployConfig {

    /** Where artifacts are downloaded from: {@code GET {url}/api/artifacts/{digest}}. */
    @WithDefault("http://127.0.0.1:8082")
    String buildServiceUrl();

    /** Release directories live under {@code {data-dir}/sites/}. */
    @WithDefault("${user.home}/.slipway/deploy")
    Path dataDir();

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

    /** Seals environment secrets at rest: the base64 of 32 random bytes. No default on purpose. */
    Optional<String> encryptionKey();

    Edge edge();

    Netlify netlify();

    HuggingFace huggingface();

    Remote remote();

    /** The Netlify API, for environments whose {@code target:} names a site. */
    interface Netlify {
        @WithDefault("https://api.netlify.com/api/v1")
        String apiUrl();

        /** How long a draft may take to become ready after its files are uploaded. */
        @WithDefault("5m")
        Duration readyTimeout();
    }

    /** The Hugging Face Hub, for environments whose {@code target:} names a Space. */
    interface HuggingFace {
        @WithDefault("https://huggingface.co")
        String apiUrl();

        /** Where a Space's app is served; {@code {owner}} and {@code {name}} are filled in as the Hub does. */
        @WithDefault("https://{owner}-{name}.hf.space")
        String spaceUrlTemplate();

        /** How long a Space may take to build and start after a commit. */
        @WithDefault("20m")
        Duration runningTimeout();

        /** How often a Space's runtime is asked for its stage while it builds and starts. */
        @WithDefault("10s")
        Duration pollInterval();

        /**
         * Private Spaces answer only requests carrying a Hub token, which the site's proxy rule and the health
         * checks do not send; so Spaces are public unless this is set.
         */
        @WithDefault("false")
        boolean privateSpaces();
    }

    /** Health checks of a release prepared on a remote target, before it is switched to. */
    interface Remote {
        @WithDefault("5m")
        Duration healthTimeout();

        @WithDefault("2s")
        Duration healthInterval();
    }

    /** The edge: the process that runs each environment's blue and green slots and routes its URL. */
    interface Edge {
        /** Its admin API (loopback only): slots, switches, previews of a slot before the switch. */
        @WithDefault("http://127.0.0.1:8089")
        String adminUrl();

        /** Its public URL: environments are served at {@code {public-url}/{app}/{environment}/}. */
        @WithDefault("http://127.0.0.1:8088")
        String publicUrl();

        /** How long a started release may take until every component is ready in its slot. */
        @WithDefault("60s")
        Duration startTimeout();

        /** How often a starting slot is checked. */
        @WithDefault("250ms")
        Duration readinessInterval();

        /** How long the slot switched away from keeps running, so a rollback to it is only a switch. */
        @WithDefault("10m")
        Duration retainPrevious();

        /** How long a component's {@code migrate:} may run. */
        @WithDefault("5m")
        Duration migrateTimeout();
    }
}
