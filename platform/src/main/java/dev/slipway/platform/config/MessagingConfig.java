package dev.slipway.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "slipway.messaging")
public interface MessagingConfig {

    /** The service's name: CloudEvents source, consumer group and inbox consumer. */
    String service();

    String bootstrapServers();

    /** How long the outbox relay waits when it found nothing to publish. */
    @WithDefault("100ms")
    Duration relayIdle();

    /** How long published outbox rows are kept for inspection. */
    @WithDefault("P7D")
    Duration outboxRetention();

    /** Attempts at handling one event before it goes to the dead-letter topic. */
    @WithDefault("3")
    int maxAttempts();

    @WithDefault("3")
    int partitions();
}
