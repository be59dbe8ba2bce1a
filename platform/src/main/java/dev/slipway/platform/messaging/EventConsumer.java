package dev.slipway.platform.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.Topics;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.persistence.InboxEntry;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The service's one Kafka consumer: reads the topics its {@link EventHandler}s need, hands each event to
 * its handlers inside a transaction with the inbox, and commits offsets after. An unreadable record, or one
 * whose handler keeps failing, goes to the dead-letter topic with the reason in its headers; the partition
 * keeps moving.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final MessagingConfig config;
    private final KafkaTopics topics;
    private final Instance<EventHandler> handlerBeans;
    private final Clock clock;
    private final Map<EventType, List<EventHandler>> handlers = new EnumMap<>(EventType.class);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> deadLetters;
    private Thread thread;
    private volatile boolean running;

    public EventConsumer(MessagingConfig config, KafkaTopics topics, Instance<EventHandler> handlerBeans, Clock clock) {
        this.config = config;
        this.topics = topics;
        this.handlerBeans = handlerBeans;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        for (EventHandler handler : handlerBeans) {
            handler.handles().forEach(type -> handlers.computeIfAbsent(type, t -> new ArrayList<>()).add(handler));
        }
        if (handlers.isEmpty()) {
            return;
        }
        TreeSet<String> subscribed = new TreeSet<>();
        handlers.keySet().forEach(type -> subscribed.add(type.topic()));
        running = true;
        thread = new Thread(() -> run(List.copyOf(subscribed)), config.service() + "-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(List<String> subscribed) {
        while (running) {
            try {
                topics.ensure();
                consumeUntilStopped(subscribed);
            } catch (WakeupException e) {
                // stop() woke the poll: close below, so the group rebalances now rather than after a session timeout
                break;
            } catch (RuntimeException e) {
                LOG.warnf(e, "consumer of %s failed, restarting in 2 s", subscribed);
                closeClients();
                sleepQuietly(Duration.ofSeconds(2));
            }
        }
        closeClients();
    }

    private void consumeUntilStopped(List<String> subscribed) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "slipway-" + config.service(),
                ConsumerConfig.CLIENT_ID_CONFIG, config.service() + "-consumer",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // a crashed instance's partitions move to a live one within seconds, not the default 45 s
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, config.service() + "-dead-letters"),
                new StringSerializer(), new ByteArraySerializer());
        consumer.subscribe(subscribed);
        LOG.infof("%s consuming %s", config.service(), subscribed);
        try (CloudEventDeserializer decoder = new CloudEventDeserializer()) {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    process(record, decoder);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        }
    }

    private void process(ConsumerRecord<String, byte[]> record, CloudEventDeserializer decoder) {
        Envelope<?> envelope;
        try {
            CloudEvent event = decoder.deserialize(record.topic(), record.headers(), record.value());
            envelope = EventCodec.fromCloudEvent(event);
        } catch (RuntimeException e) {
            deadLetter(record, "unreadable: " + e.getMessage());
            return;
        }
        for (EventHandler handler : handlers.getOrDefault(envelope.type(), List.of())) {
            deliver(record, envelope, handler);
        }
    }

    private void deliver(ConsumerRecord<String, byte[]> record, Envelope<?> envelope, EventHandler handler) {
        String consumerName = handler.consumerName();
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    String key = InboxEntry.key(consumerName, envelope.metadata().id());
                    if (InboxEntry.findById(key) != null) {
                        return;
                    }
                    InboxEntry entry = new InboxEntry();
                    entry.id = key;
                    entry.consumer = consumerName;
                    entry.eventId = envelope.metadata().id();
                    entry.eventType = envelope.type().type();
                    entry.handledAt = OffsetDateTime.now(clock);
                    entry.persist();
                    handler.handle(envelope);
                });
                return;
            } catch (RuntimeException e) {
                if (attempt >= config.maxAttempts()) {
                    LOG.errorf(e, "%s gave up on %s %s after %d attempts", consumerName, envelope.type().type(),
                            envelope.metadata().id(), attempt);
                    deadLetter(record, consumerName + " failed " + attempt + " times: " + rootMessage(e));
                    return;
                }
                LOG.warnf("%s failed on %s %s (attempt %d): %s", consumerName, envelope.type().type(),
                        envelope.metadata().id(), attempt, rootMessage(e));
                sleepQuietly(Duration.ofMillis(200L << attempt));
            }
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTER, record.key(), record.value());
        Headers headers = dead.headers();
        record.headers().forEach(h -> headers.add(h.key(), h.value()));
        headers.add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
        headers.add(Topics.DLQ_CONSUMER_HEADER, config.service().getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(dead).get(30, TimeUnit.SECONDS);
            LOG.warnf("dead-lettered %s: %s", origin, reason);
        } catch (Exception e) {
            // Not committing past a record we could neither handle nor park: restart from it.
            throw new IllegalStateException("cannot write to the dead-letter topic: " + e.getMessage(), e);
        }
    }

    private void closeClients() {
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
            consumer = null;
        }
        if (deadLetters != null) {
            deadLetters.close(Duration.ofSeconds(5));
            deadLetters = null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
