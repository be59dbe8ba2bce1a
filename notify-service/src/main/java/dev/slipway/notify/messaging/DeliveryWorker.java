package dev.slipway.notify.messaging;

import dev.slipway.events.EventType;
import dev.slipway.notify.config.DeliveryConfigCheck;
import dev.slipway.notify.config.NotifyChannels;
import dev.slipway.notify.config.NotifyConfig;
import dev.slipway.notify.domain.Channel;
import dev.slipway.notify.domain.ChannelType;
import dev.slipway.notify.domain.DeliveryDecision;
import dev.slipway.notify.domain.DeliveryRules;
import dev.slipway.notify.domain.DeliveryStatus;
import dev.slipway.notify.domain.EmailChannel;
import dev.slipway.notify.domain.EmailResult;
import dev.slipway.notify.domain.NotificationKind;
import dev.slipway.notify.domain.SignedWebhook;
import dev.slipway.notify.domain.SlackChannel;
import dev.slipway.notify.domain.SlackWebhook;
import dev.slipway.notify.domain.WebhookChannel;
import dev.slipway.notify.domain.WebhookPayload;
import dev.slipway.notify.domain.WebhookResponse;
import dev.slipway.notify.persistence.Delivery;
import dev.slipway.notify.persistence.DeliveryAttempt;
import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.platform.retry.RetryPolicy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends pending deliveries, to Slack, by email or to a signed webhook: claims a due one ({@code FOR UPDATE SKIP
 * LOCKED}, then hidden for the claim timeout so a crashed worker's claim comes back), sends it outside any
 * transaction, and records the attempt and the decision: delivered, retry later, or failed.
 * <p>
 * Delivery is at-least-once on every channel: an attempt that timed out may still have arrived (an email the SMTP
 * server accepted late), and it is retried. Repeats are recognisable: a webhook carries the same
 * {@code X-Slipway-Delivery} every time, an email the same {@code Message-ID}.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final NotifyConfig config;
    private final NotifyChannels channels;
    private final EmailSender email;
    private final Clock clock;
    private final List<BackgroundLoop> loops = new ArrayList<>();
    private SlackWebhook slack;
    private SignedWebhook webhook;
    private DeliveryRules rules;

    public DeliveryWorker(NotifyConfig config, NotifyChannels channels, EmailSender email, Clock clock) {
        this.config = config;
        this.channels = channels;
        this.email = email;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        DeliveryConfigCheck.check(config);
        slack = new SlackWebhook(config.timeout());
        webhook = new SignedWebhook(config.timeout());
        rules = new DeliveryRules(new RetryPolicy(config.attempts(), config.backoff()));
        if (channels.all().stream().anyMatch(c -> c.type() == ChannelType.EMAIL)) {
            email.checkConfigured();
        }
        LOG.infof("notifying %d channel(s)", channels.all().size());
        channels.all().forEach(c -> LOG.infof("  %s: %s", c.label(), c.routing().describe()));
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
        Optional<Channel> channel = channels.byId(claim.channelId());
        Optional<String> unusable = unusable(channel, claim.channelType());
        if (unusable.isPresent()) {
            QuarkusTransaction.requiringNew().run(() -> Delivery.lockById(claim.deliveryId()).ifPresent(d ->
                    finish(d, DeliveryStatus.FAILED, "channel " + d.channel + " " + unusable.get())));
            return true;
        }
        int attempt = claim.attemptsDone() + 1;
        OffsetDateTime attemptedAt = OffsetDateTime.now(clock);
        Outcome outcome = send(channel.get(), claim, attempt);
        QuarkusTransaction.requiringNew().run(() -> record(claim, attempt, attemptedAt, outcome));
        return true;
    }

    /** Why a delivery recorded before a configuration change cannot be sent any more. */
    private static Optional<String> unusable(Optional<Channel> channel, ChannelType writtenFor) {
        if (channel.isEmpty()) {
            return Optional.of("is no longer configured");
        }
        if (channel.get().type() != writtenFor) {
            return Optional.of("is now of type " + channel.get().type().id() + "; this message was written for "
                    + writtenFor.id());
        }
        return Optional.empty();
    }

    private Optional<Claim> claim() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return Delivery.lockNextDue(now).map(d -> {
            d.nextAttemptAt = now.plus(config.claimTimeout());
            return new Claim(d.id, d.channelId, d.channelType, d.attempts, d.eventId, d.eventType, d.app,
                    d.environment, d.version, d.commitSha, d.occurredAt == null ? d.createdAt : d.occurredAt,
                    d.subject, d.text, d.incidentId);
        });
    }

    private Outcome send(Channel channel, Claim claim, int attempt) {
        try {
            if (channel instanceof SlackChannel s) {
                WebhookResponse response = slack.post(s.url(), claim.text());
                return Outcome.of(response, rules.decide(response, attempt));
            }
            if (channel instanceof WebhookChannel w) {
                WebhookResponse response = webhook.post(w, payload(claim));
                return Outcome.of(response, rules.decideWebhook(response, attempt));
            }
            EmailResult result = email.send((EmailChannel) channel,
                    WebhookPayload.deliveryId(claim.eventId(), claim.channelId()), claim.subject(), claim.text(),
                    config.timeout());
            return new Outcome(null, result.reply(), result.latency(), result.error(), rules.decideEmail(result, attempt));
        } catch (InterruptedException e) {
            // Shutting down: the claim times out and the delivery is tried again.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to " + channel.label(), e);
        }
    }

    private static WebhookPayload payload(Claim claim) {
        NotificationKind kind = EventType.fromType(claim.eventType()).flatMap(NotificationKind::of)
                .orElseThrow(() -> new IllegalStateException("delivery " + claim.deliveryId() + " announces "
                        + claim.eventType() + ", which is not a notification kind"));
        return WebhookPayload.of(WebhookPayload.deliveryId(claim.eventId(), claim.channelId()), kind,
                claim.eventType(), claim.eventId(), claim.app(), claim.environment(), claim.version(),
                claim.commitSha(), claim.occurredAt(), claim.subject(), claim.text(), claim.incidentId());
    }

    private void record(Claim claim, int attempt, OffsetDateTime attemptedAt, Outcome outcome) {
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
        row.httpStatus = outcome.httpStatus();
        row.responseExcerpt = outcome.response();
        row.latencyMs = outcome.latency().toMillis();
        row.error = outcome.error();
        row.persist();
        delivery.attempts = attempt;
        DeliveryDecision decision = outcome.decision();
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

    /** What a worker sends, read in the claiming transaction. */
    private record Claim(long deliveryId, String channelId, ChannelType channelType, int attemptsDone, String eventId,
                         String eventType, String app, String environment, Long version, String commitSha,
                         OffsetDateTime occurredAt, String subject, String text, Long incidentId) {
    }

    /** One attempt as recorded: an HTTP status for Slack and webhooks, the SMTP reply as the response for email. */
    private record Outcome(Integer httpStatus, String response, Duration latency, String error,
                           DeliveryDecision decision) {

        static Outcome of(WebhookResponse response, DeliveryDecision decision) {
            return new Outcome(response.status(), response.body(), response.latency(), response.error(), decision);
        }
    }
}
