package dev.slipway.deploy.config;

import dev.slipway.deploy.domain.BuildServiceArtifacts;
import dev.slipway.deploy.domain.LocalTarget;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The deploy target in use. {@code local} is the only one so far; it is also what serves the sites. */
public class Targets {

    @Produces
    @Singleton
    LocalTarget local(DeployConfig config) {
        return new LocalTarget(config.dataDir(), config.publicUrl(),
                new BuildServiceArtifacts(config.buildServiceUrl(), config.artifactTimeout()));
    }
}
