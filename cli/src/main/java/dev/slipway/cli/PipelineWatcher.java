package dev.slipway.cli;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.events.Topics;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Follows the pipeline's events on Kafka as they happen — the same topics any metrics consumer or
 * dashboard reads. Positioned at the end of every topic before the caller triggers anything.
 */
final class PipelineWatcher implements EventFeed {
    private final KafkaConsumer<String, byte[]> consumer;
    private final CloudEventDeserializer decoder = new CloudEventDeserializer();
    private final Queue<Envelope<?>> queue = new ArrayDeque<>();

    PipelineWatcher(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "slipway-cli-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.ALL);
        Instant deadline = Instant.now().plusSeconds(60);
        while (consumer.assignment().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new CliException("could not join the pipeline's topics on " + bootstrapServers);
            }
            consumer.poll(Duration.ofMillis(100));
        }
        // fix the start position now, before anything is triggered
        consumer.assignment().forEach(consumer::position);
    }

    /** The next pipeline event accepted by {@code filter}, waiting up to {@code timeout}. */
    @Override
    public Optional<Envelope<?>> next(Predicate<Envelope<?>> filter, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            while (!queue.isEmpty()) {
                Envelope<?> envelope = queue.poll();
                if (filter.test(envelope)) {
                    return Optional.of(envelope);
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                return Optional.empty();
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.topic().equals(Topics.DEAD_LETTER)) {
                    continue;
                }
                try {
                    queue.add(EventCodec.fromCloudEvent(decoder.deserialize(record.topic(), record.headers(), record.value())));
                } catch (RuntimeException e) {
                    // not a readable pipeline event: nothing to show
                }
            }
        }
    }

    @Override
    public void close() {
        decoder.close();
        consumer.close(Duration.ofSeconds(2));
    }
}
