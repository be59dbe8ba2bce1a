package dev.slipway.notify.messaging;

import dev.slipway.notify.config.NotifyConfig;
import dev.slipway.notify.config.WebhookChannels;
import dev.slipway.notify.domain.DeliveryDecision;
import dev.slipway.notify.domain.DeliveryRules;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.platform.retry.RetryPolicy;
import dev.slipway.notify.domain.SlackWebhook;
import dev.slipway.notify.domain.WebhookChannel;
import dev.slipway.notify.domain.WebhookResponse;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import dev.slipway.platform.messaging.BackgroundLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends pending deliveries: claims a due one ({@code FOR UPDATE SKIP LOCKED}, then hidden for the claim timeout
 * so a crashed worker's claim comes back), posts it outside any transaction, and records the attempt and the
 * decision: delivered, retry later, or failed.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final NotifyConfig config;
    private final WebhookChannels channels;
    private final Clock clock;
    private final List<BackgroundLoop> loops = new ArrayList<>();
    private SlackWebhook webhook;
    private DeliveryRules rules;

    public DeliveryWorker(NotifyConfig config, WebhookChannels channels, Clock clock) {
        this.config = config;
        this.channels = channels;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (config.workers() < 1) {
            throw new IllegalStateException("slipway.notify.workers must be at least 1, got " + config.workers());
        }
        try {
            webhook = new SlackWebhook(config.timeout());
            rules = new DeliveryRules(new RetryPolicy(config.attempts(), config.backoff()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.notify." + e.getMessage(), e);
        }
        LOG.infof("notifying %d channel(s): %s", channels.all().size(), channels.all());
        for (int i = 1; i <= config.workers(); i++) {
            loops.add(BackgroundLoop.start("notify-deliveries-" + i, config.pollInterval(), this::sendNext));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(BackgroundLoop::close);
    }

    void onRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeliveryRecorded recorded) {
        loops.forEach(BackgroundLoop::wake);
    }

    /** @return true when it worked on a delivery, so the loop looks for the next at once */
    boolean sendNext() {
        Optional<Claim> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        if (claimed.isEmpty()) {
            return false;
        }
        Claim claim = claimed.get();
        Optional<WebhookChannel> channel = channels.byId(claim.channelId());
        if (channel.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> Delivery.lockById(claim.deliveryId()).ifPresent(d ->
                    finish(d, DeliveryStatus.FAILED, "channel " + d.channel + " is no longer configured")));
            return true;
        }
        int attempt = claim.attemptsDone() + 1;
        OffsetDateTime attemptedAt = OffsetDateTime.now(clock);
        WebhookResponse response = post(channel.get(), claim.text());
        DeliveryDecision decision = rules.decide(response, attempt);
        QuarkusTransaction.requiringNew().run(() -> record(claim, attempt, attemptedAt, response, decision));
        return true;
    }

    private Optional<Claim> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Delivery.lockNextDue(now).map(d -> {
            d.nextAttemptAt = now.plus(config.claimTimeout());
            return new Claim(d.id, d.channelId, d.text, d.attempts);
        });
    }

    private WebhookResponse post(WebhookChannel channel, String text) {
        try {
            return webhook.post(channel, text);
        } catch (InterruptedException e) {
            // Shutting down: the claim times out and the delivery is tried again.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to " + channel.masked(), e);
        }
    }

    private void record(Claim claim, int attempt, OffsetDateTime attemptedAt, WebhookResponse response,
                        DeliveryDecision decision) {
        Optional<Delivery> locked = Delivery.lockById(claim.deliveryId())
                .filter(d -> d.status == DeliveryStatus.PENDING && d.attempts == claim.attemptsDone());
        if (locked.isEmpty()) {
            // Our claim timed out and another worker recorded this attempt number first.
            LOG.warnf("delivery %d was taken over by another worker; not recording attempt %d", claim.deliveryId(), attempt);
            return;
        }
        Delivery delivery = locked.get();
        DeliveryAttempt row = new DeliveryAttempt();
        row.deliveryId = delivery.id;
        row.attempt = attempt;
        row.attemptedAt = attemptedAt;
        row.httpStatus = response.status();
        row.responseExcerpt = response.body();
        row.latencyMs = response.latency().toMillis();
        row.error = response.error();
        row.persist();
        delivery.attempts = attempt;
        if (decision instanceof DeliveryDecision.Delivered) {
            finish(delivery, DeliveryStatus.DELIVERED, null);
        } else if (decision instanceof DeliveryDecision.RetryAfter retry) {
            delivery.lastError = retry.reason();
            delivery.nextAttemptAt = OffsetDateTime.now(clock).plus(retry.delay());
            LOG.infof("delivery %d to %s: attempt %d did not deliver (%s); retrying in %d ms", delivery.id,
                    delivery.channel, attempt, retry.reason(), retry.delay().toMillis());
        } else if (decision instanceof DeliveryDecision.Failed failed) {
            finish(delivery, DeliveryStatus.FAILED, failed.reason());
        }
    }

    private void finish(Delivery delivery, DeliveryStatus status, String reason) {
        delivery.status = status;
        delivery.lastError = reason;
        delivery.finishedAt = OffsetDateTime.now(clock);
        if (status == DeliveryStatus.FAILED) {
            LOG.warnf("delivery %d of %s for %s/%s to %s failed: %s", delivery.id, delivery.eventType, delivery.app,
                    delivery.environment, delivery.channel, reason);
        } else {
            LOG.infof("delivered %s for %s/%s to %s (attempt %d)", delivery.eventType, delivery.app,
                    delivery.environment, delivery.channel, delivery.attempts);
        }
    }

    private record Claim(long deliveryId, String channelId, String text, int attemptsDone) {
    }
}
