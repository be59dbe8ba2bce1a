package dev.slipway.deploy.config;

import dev.slipway.deploy.domain.Sleeper;
import dev.slipway.deploy.domain.BuildServiceArtifacts;
import dev.slipway.deploy.domain.LocalTarget;
import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.VerifiedArtifacts;
import dev.slipway.deploy.domain.huggingface.HubClient;
import dev.slipway.deploy.domain.huggingface.SpaceDeployer;
import dev.slipway.deploy.domain.netlify.NetlifyClient;
import dev.slipway.deploy.domain.netlify.NetlifySettings;
import dev.slipway.deploy.domain.remote.HuggingFaceSpaces;
import dev.slipway.deploy.domain.remote.NetlifySites;
import dev.slipway.deploy.domain.remote.RemoteTarget;
import dev.slipway.deploy.domain.remote.UrlReadiness;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.deploy.domain.SecretVault;
import dev.slipway.deploy.domain.SlotReadiness;
import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.platform.security.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The deploy targets ({@code local}, run by the edge; {@code remote}, Netlify and Hugging Face) and the vault for
 * environment secrets.
 */
public class Targets {
    /** At most 3 attempts in all, as everywhere in Slipway. */
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(2));

    @Produces
    @Singleton
    LocalTarget local(DeployConfig config, Clock clock) {
        DeployConfig.Edge settings = config.edge();
        EdgeClient edge = new EdgeClient(URI.create(settings.adminUrl()));
        return new LocalTarget(config.dataDir(), settings.publicUrl(), edge,
                artifacts(config),
                new SlotReadiness(edge, settings.startTimeout(), settings.readinessInterval(), clock),
                settings.migrateTimeout(), settings.retainPrevious());
    }

    @Produces
    @Singleton
    RemoteTarget remote(DeployConfig config, Clock clock) {
        DeployConfig.Netlify netlify = config.netlify();
        NetlifySettings netlifySettings = new NetlifySettings(URI.create(netlify.apiUrl()), RETRY,
                Duration.ofMinutes(2), Duration.ofSeconds(1), netlify.readyTimeout());
        DeployConfig.HuggingFace hub = config.huggingface();
        SpaceDeployer.Settings spaceSettings = new SpaceDeployer.Settings(hub.spaceUrlTemplate(), hub.privateSpaces(),
                hub.pollInterval(), hub.runningTimeout());
        return new RemoteTarget(config.dataDir(), new VerifiedArtifacts(artifacts(config)),
                // one client (and connection pool) per token, not per call
                new NetlifySites(perToken(token -> new NetlifyClient(netlifySettings, token))),
                new HuggingFaceSpaces(perToken(token -> new SpaceDeployer(new HubClient(URI.create(hub.apiUrl()),
                        token, RETRY, Sleeper.SYSTEM), spaceSettings, clock, Sleeper.SYSTEM))),
                new UrlReadiness(config.remote().healthTimeout(), config.remote().healthInterval(), clock,
                        Sleeper.SYSTEM));
    }

    @Produces
    @Singleton
    TargetRouter targets(LocalTarget local, RemoteTarget remote) {
        return new TargetRouter(local, remote);
    }

    private static <T> Function<String, T> perToken(Function<String, T> create) {
        Map<String, T> made = new ConcurrentHashMap<>();
        return token -> made.computeIfAbsent(token, create);
    }

    private static BuildServiceArtifacts artifacts(DeployConfig config) {
        return new BuildServiceArtifacts(config.buildServiceUrl(), config.artifactTimeout());
    }

    @Produces
    @Singleton
    SecretVault vault(DeployConfig config) {
        return new SecretVault(SecretCipher.fromBase64Key(config.encryptionKey().orElse(null), SecretVault.KEY_PROPERTY));
    }
}
