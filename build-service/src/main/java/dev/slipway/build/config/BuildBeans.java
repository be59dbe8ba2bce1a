package dev.slipway.build.config;

import dev.slipway.build.domain.ArtifactStore;
import dev.slipway.build.domain.BuildPipeline;
import dev.slipway.build.domain.ProcessRunner;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The plain-Java build machinery, configured. */
public class BuildBeans {

    @Produces
    @Singleton
    ArtifactStore artifactStore(BuildConfig config) {
        return new ArtifactStore(config.dataDir().toAbsolutePath().resolve("artifacts"));
    }

    @Produces
    @Singleton
    BuildPipeline buildPipeline(BuildConfig config, ArtifactStore store) {
        return new BuildPipeline(new ProcessRunner(), store, config.git(), config.cloneTimeout(), config.containerEngine(),
                System.getenv());
    }
}
