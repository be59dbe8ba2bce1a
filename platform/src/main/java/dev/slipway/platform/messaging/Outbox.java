package dev.slipway.platform.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventCodec;
import dev.slipway.platform.persistence.OutboxMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.Transactional;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * Records an event in the caller's transaction; {@link OutboxRelay} publishes it once that transaction
 * has committed. Never persist-then-send: a state change and the event it implies commit together.
 */
@ApplicationScoped
public class Outbox {
    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(Clock clock, OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Envelope<?> envelope) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = envelope.metadata().id();
        message.eventType = envelope.type().type();
        message.topic = envelope.type().topic();
        message.recordKey = envelope.key();
        message.payload = new String(EventCodec.toStructuredJson(envelope), StandardCharsets.UTF_8);
        message.createdAt = OffsetDateTime.now(clock);
        message.persist();
        // publish as soon as the row is visible, rather than at the relay's next idle poll
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
