package dev.slipway.cli;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An ops request (RollbackRequested, PromoteRequested) the CLI publishes on Kafka, and its answers: every event
 * about it carries the request's id as its correlation id, so they are followed by that.
 */
final class OpsRequest implements AutoCloseable {
    private final Envelope<?> request;
    private final PipelineWatcher watcher;
    private final Instant sent;

    private OpsRequest(Envelope<?> request, PipelineWatcher watcher, Instant sent) {
        this.request = request;
        this.watcher = watcher;
        this.sent = sent;
    }

    /**
     * Joins the pipeline's topics, then publishes {@code request}: no answer can come before it is looked for.
     *
     * @param what the request in words, for errors: {@code rollback request}
     */
    static OpsRequest send(String bootstrapServers, Envelope<?> request, String what) {
        PipelineWatcher watcher = new PipelineWatcher(bootstrapServers);
        try {
            publish(bootstrapServers, request, what);
        } catch (RuntimeException e) {
            watcher.close();
            throw e;
        }
        return new OpsRequest(request, watcher, Instant.now());
    }

    static void publish(String bootstrapServers, Envelope<?> request, String what) {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(request.type().topic(), request.key(), EventCodec.toCloudEvent(request)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CliException("could not publish the " + what + " to Kafka at " + bootstrapServers + ": "
                    + e.getMessage() + " (is Slipway running? ./slipway up)");
        }
    }

    String id() {
        return request.metadata().id();
    }

    /** The next event answering the request, waiting until {@code wait} after it was sent; empty when none came. */
    Optional<Envelope<?>> nextAnswer(Duration wait) {
        Duration left = wait.minus(Duration.between(sent, Instant.now()));
        return watcher.next(e -> id().equals(e.metadata().correlationId()) && !id().equals(e.metadata().id()),
                left.isNegative() ? Duration.ZERO : left);
    }

    /** Seconds since it was sent, for progress lines. */
    double elapsedSeconds() {
        return Duration.between(sent, Instant.now()).toMillis() / 1000.0;
    }

    @Override
    public void close() {
        watcher.close();
    }
}
