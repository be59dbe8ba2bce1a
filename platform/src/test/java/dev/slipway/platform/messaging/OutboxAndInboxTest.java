package dev.slipway.platform.messaging;

import dev.slipway.events.BuildStarted;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.Topics;
import dev.slipway.platform.persistence.OutboxMessage;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@QuarkusTest
class OutboxAndInboxTest {
    static EventProbe probe;

    @Inject
    Outbox outbox;
    @Inject
    RecordingHandler handler;
    @Inject
    Clock clock;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void eventCommittedWithItsStateReachesKafkaOnce() {
        Envelope<BuildStarted> fixture = GoldenFixtures.envelope(EventType.BUILD_STARTED);
        Envelope<BuildStarted> event = Envelope.answering(fixture.metadata(), "platform-test",
                new BuildStarted("outbox-app", "production", 1, "o/r", "main"), clock);

        QuarkusTransaction.requiringNew().run(() -> outbox.publish(event));

        Envelope<BuildStarted> received = probe.await(EventType.BUILD_STARTED,
                e -> e.metadata().id().equals(event.metadata().id()));
        assertThat(received.data()).isEqualTo(event.data());
        assertThat(received.metadata().correlationId()).isEqualTo(fixture.metadata().correlationId());
        await().atMost(Duration.ofSeconds(10)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                OutboxMessage.<OutboxMessage>find("eventId", event.metadata().id()).firstResult().publishedAt != null));
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        Envelope<BuildStarted> event = Envelope.first("platform-test", "abc",
                new BuildStarted("rollback-app", "production", 2, "o/r", "main"), clock);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.publish(event);
            throw new IllegalStateException("state change failed");
        })).hasMessageContaining("state change failed");

        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("eventId", event.metadata().id())))
                .isZero();
    }

    @Test
    void redeliveredEventIsHandledOnce() {
        Envelope<BuildStarted> fixture = GoldenFixtures.envelope(EventType.BUILD_STARTED);
        Envelope<BuildStarted> marker = Envelope.first("platform-test", "abc",
                new BuildStarted("after-duplicate", "production", 3, "o/r", "main"), clock);

        probe.publish(fixture);
        probe.publish(fixture);
        probe.publish(marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.handledIds().contains(marker.metadata().id()));
        assertThat(handler.handledIds()).containsOnlyOnce(fixture.metadata().id());
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndThePartitionKeepsMoving() {
        Envelope<BuildStarted> poison = Envelope.first("platform-test", "abc",
                new BuildStarted("poison", "production", 4, "o/r", "main"), clock);
        Envelope<BuildStarted> next = Envelope.first("platform-test", "abc",
                new BuildStarted("healthy", "production", 6, "o/r", "main"), clock);

        probe.publishRaw(Topics.BUILD, "poison/production", "not a cloud event".getBytes(StandardCharsets.UTF_8));
        probe.publish(poison);
        probe.publish(next);

        await().atMost(Duration.ofSeconds(30)).until(() -> handler.handledIds().contains(next.metadata().id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.deadLetters().size() >= 2);
        assertThat(handler.poisonAttempts()).isEqualTo(3);
        assertThat(probe.deadLetters()).anySatisfy(r -> assertThat(new String(
                r.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .contains("RecordingHandler failed 3 times").contains("cannot handle poison"));
    }
}
