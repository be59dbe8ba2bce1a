package dev.slipway.platform.messaging;

import dev.slipway.events.Topics;
import dev.slipway.platform.config.MessagingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates Slipway's topics if they are missing, so no consumer starts on a topic that is not there yet. */
@ApplicationScoped
public class KafkaTopics {
    private final MessagingConfig config;
    private volatile boolean ensured;

    public KafkaTopics(MessagingConfig config) {
        this.config = config;
    }

    public synchronized void ensure() {
        if (ensured) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            for (String topic : Topics.ALL) {
                try {
                    admin.createTopics(java.util.List.of(new NewTopic(topic, config.partitions(), (short) 1)))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + " on "
                                + config.bootstrapServers() + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            ensured = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " did not answer in 30 s", e);
        }
    }
}
