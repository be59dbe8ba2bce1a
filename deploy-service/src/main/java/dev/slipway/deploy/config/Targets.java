package dev.slipway.deploy.config;

import dev.slipway.deploy.domain.BuildServiceArtifacts;
import dev.slipway.deploy.domain.LocalTarget;
import dev.slipway.deploy.domain.SecretVault;
import dev.slipway.deploy.domain.SlotReadiness;
import dev.slipway.deploy.domain.edge.EdgeClient;
import dev.slipway.platform.security.SecretCipher;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;

/** The deploy target in use ({@code local}, run by the edge) and the vault for environment secrets. */
public class Targets {

    @Produces
    @Singleton
    LocalTarget local(DeployConfig config, Clock clock) {
        DeployConfig.Edge settings = config.edge();
        EdgeClient edge = new EdgeClient(URI.create(settings.adminUrl()));
        return new LocalTarget(config.dataDir(), settings.publicUrl(), edge,
                new BuildServiceArtifacts(config.buildServiceUrl(), config.artifactTimeout()),
                new SlotReadiness(edge, settings.startTimeout(), settings.readinessInterval(), clock),
                settings.migrateTimeout(), settings.retainPrevious());
    }

    @Produces
    @Singleton
    SecretVault vault(DeployConfig config) {
        return new SecretVault(SecretCipher.fromBase64Key(config.encryptionKey().orElse(null), SecretVault.KEY_PROPERTY));
    }
}
