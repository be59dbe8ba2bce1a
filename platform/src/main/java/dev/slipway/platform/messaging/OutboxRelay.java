package dev.slipway.platform.messaging;

import dev.slipway.events.EventCodec;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.persistence.OutboxMessage;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes committed outbox rows to Kafka in id order (CloudEvents binary mode), then marks them
 * published. A crash between send and mark re-sends; consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final MessagingConfig config;
    private final KafkaTopics topics;
    private final Clock clock;
    private KafkaProducer<String, CloudEvent> producer;
    private BackgroundLoop loop;
    private Instant lastPurge = Instant.EPOCH;

    public OutboxRelay(MessagingConfig config, KafkaTopics topics, Clock clock) {
        this.config = config;
        this.topics = topics;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, config.service() + "-outbox"),
                new StringSerializer(), new CloudEventSerializer());
        loop = BackgroundLoop.start(config.service() + "-outbox-relay", config.relayIdle(), this::relayBatch);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** Publishes soon rather than after the idle wait; called after a commit that wrote events. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    boolean relayBatch() {
        topics.ensure();
        purgeOccasionally();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxMessage> batch = OutboxMessage.<OutboxMessage>find("publishedAt is null order by id")
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .withHint("jakarta.persistence.lock.timeout", -2) // SKIP LOCKED: another instance has them
                    .page(0, BATCH).list();
            if (batch.isEmpty()) {
                return false;
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
            for (OutboxMessage message : batch) {
                CloudEvent event = EventCodec.toCloudEvent(
                        EventCodec.fromStructuredJson(message.payload.getBytes(StandardCharsets.UTF_8)));
                sent.add(producer.send(new ProducerRecord<>(message.topic, message.recordKey, event)));
            }
            for (Future<RecordMetadata> future : sent) {
                awaitSend(future);
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            batch.forEach(m -> m.publishedAt = now);
            return true;
        });
    }

    private void awaitSend(Future<RecordMetadata> future) {
        try {
            future.get(40, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an outbox event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge an outbox event in 40 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing the outbox", e);
        }
    }

    private void purgeOccasionally() {
        Instant now = clock.instant();
        if (now.isBefore(lastPurge.plusSeconds(600))) {
            return;
        }
        lastPurge = now;
        long removed = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.delete(
                "publishedAt < ?1", OffsetDateTime.now(clock).minus(config.outboxRetention())));
        if (removed > 0) {
            LOG.debugf("purged %d published outbox rows", removed);
        }
    }
}
