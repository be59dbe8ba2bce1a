package dev.slipway.ingest.config;

import dev.slipway.ingest.domain.GitSpecReader;
import dev.slipway.platform.security.SecretCipher;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the framework-free domain services injectable, configured from {@link IngestConfig}. */
public class IngestBeans {

    /** Built at startup, so a missing or malformed key stops the service before it accepts a secret. */
    @Produces
    @Singleton
    @Startup
    SecretCipher secretCipher(IngestConfig config) {
        return SecretCipher.fromBase64Key(config.encryptionKey().orElse(null), "slipway.ingest.encryption-key");
    }

    @Produces
    @Singleton
    GitSpecReader gitSpecReader(IngestConfig config) {
        return new GitSpecReader(config.gitCacheDir(), config.gitTimeout());
    }
}
