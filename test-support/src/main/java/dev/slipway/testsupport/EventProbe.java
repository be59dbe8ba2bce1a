package dev.slipway.testsupport;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.Topics;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;


/**
 * Reads every Slipway topic from the beginning on a real broker and publishes events to it, for tests.
 * Tests pick their events out by a predicate (usually an app name unique to the test).
 */
public final class EventProbe implements AutoCloseable {
    private final String bootstrapServers;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Envelope<?>> received = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> deadLetters = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, byte[]>> unreadable = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private EventProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.ALL);
        thread = new Thread(this::run, "event-probe");
        thread.setDaemon(true);
        thread.start();
    }

    public static EventProbe start(String bootstrapServers) {
        return new EventProbe(bootstrapServers);
    }

    /** A probe on the test JVM's shared broker. */
    public static EventProbe start() {
        return start(SharedInfrastructure.kafka().bootstrapServers());
    }

    private void run() {
        try (CloudEventDeserializer decoder = new CloudEventDeserializer()) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.topic().equals(Topics.DEAD_LETTER)) {
                        deadLetters.add(record);
                        continue;
                    }
                    try {
                        received.add(EventCodec.fromCloudEvent(decoder.deserialize(record.topic(), record.headers(), record.value())));
                    } catch (RuntimeException e) {
                        unreadable.add(record);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public List<Envelope<?>> received() {
        return List.copyOf(received);
    }

    public List<ConsumerRecord<String, byte[]>> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Records on pipeline topics that are not readable events (tests put them there on purpose). */
    public List<ConsumerRecord<String, byte[]>> unreadable() {
        return List.copyOf(unreadable);
    }

    /** Waits up to {@code timeout} for an event of {@code type} that matches, and returns it. */
    @SuppressWarnings("unchecked")
    public <E extends PipelineEvent> Envelope<E> await(EventType type, Predicate<Envelope<E>> match,
                                                                          Duration timeout) {
        return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().filter(e -> e.type() == type).map(e -> (Envelope<E>) e)
                        .filter(match).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    public <E extends PipelineEvent> Envelope<E> await(EventType type, Predicate<Envelope<E>> match) {
        return await(type, match, Duration.ofSeconds(30));
    }

    /** All events of {@code app} so far, in arrival order. */
    public List<Envelope<?>> forApp(String app) {
        return received.stream().filter(e -> e.data().app().equals(app)).toList();
    }

    public void publish(Envelope<?> envelope) {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(envelope.type().topic(), envelope.key(), EventCodec.toCloudEvent(envelope)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + envelope.type().type(), e);
        }
    }

    /** Publishes raw bytes that are not a valid event, to prove poison records are parked, not fatal. */
    public void publishRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
