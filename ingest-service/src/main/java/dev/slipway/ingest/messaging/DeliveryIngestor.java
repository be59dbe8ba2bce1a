package dev.slipway.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.Envelope;
import dev.slipway.events.PushReceived;
import dev.slipway.ingest.domain.BranchDeletion;
import dev.slipway.ingest.domain.DeliveryOutcome;
import dev.slipway.ingest.domain.GitException;
import dev.slipway.ingest.domain.GitSpecReader;
import dev.slipway.ingest.domain.Push;
import dev.slipway.ingest.domain.PushRoute;
import dev.slipway.platform.security.SecretCipher;
import dev.slipway.ingest.domain.WebhookSignature;
import dev.slipway.ingest.persistence.DeliveryRecord;
import dev.slipway.ingest.persistence.RegisteredRepository;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Turns a GitHub delivery into at most one event: checks the signature with the repository's secret, drops
 * redeliveries, then for a push reads slipway.yml at the pushed commit (PushReceived), or for a deleted branch
 * looks up the preview environment it had (BranchDeleted), and records the delivery together with its event in
 * one transaction.
 */
@ApplicationScoped
public class DeliveryIngestor {
    private static final Logger LOG = Logger.getLogger(DeliveryIngestor.class);

    private final SecretCipher cipher;
    private final GitSpecReader specReader;
    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final Clock clock;

    public DeliveryIngestor(SecretCipher cipher, GitSpecReader specReader, Outbox outbox,
                            MessagingConfig messaging, Clock clock) {
        this.cipher = cipher;
        this.specReader = specReader;
        this.outbox = outbox;
        this.messaging = messaging;
        this.clock = clock;
    }

    /** @throws DeliveryRejected when the delivery is not GitHub's, not for a registered repository, or cannot be read now */
    public WebhookResult ingest(WebhookDelivery delivery) {
        RegisteredRepository repository = QuarkusTransaction.requiringNew()
                .call(() -> RegisteredRepository.findByFullName(delivery.repository()))
                .orElseThrow(() -> new DeliveryRejected(404, "repository '" + delivery.repository() + "' is not registered"));
        verifySignature(delivery, repository);

        Optional<DeliveryRecord> earlier = QuarkusTransaction.requiringNew()
                .call(() -> DeliveryRecord.<DeliveryRecord>findByIdOptional(delivery.deliveryId()));
        if (earlier.isPresent()) {
            LOG.infof("delivery %s for %s is a redelivery; ignored", delivery.deliveryId(), repository.fullName);
            return WebhookResult.duplicate(delivery.deliveryId(), earlier.get().eventId);
        }
        return switch (delivery.event()) {
            case "ping" -> record(delivery, repository, DeliveryOutcome.PING, null, null)
                    ? WebhookResult.pong(delivery.deliveryId()) : duplicate(delivery);
            case "push" -> push(delivery, repository, parsePush(delivery.payload()));
            default -> ignore(delivery, repository, null,
                    "event '" + delivery.event() + "' is not handled; only push and ping are");
        };
    }

    private void verifySignature(WebhookDelivery delivery, RegisteredRepository repository) {
        if (delivery.signature() == null || delivery.signature().isBlank()) {
            LOG.warnf("delivery %s for %s has no signature; rejected", delivery.deliveryId(), repository.fullName);
            throw new DeliveryRejected(401, "missing " + WebhookSignature.HEADER
                    + " header: give the webhook the secret registered for " + repository.fullName);
        }
        String secret = cipher.open(repository.secretSealed, repository.fullName);
        if (!WebhookSignature.verify(delivery.body(), secret, delivery.signature())) {
            LOG.warnf("delivery %s for %s has a wrong signature; rejected", delivery.deliveryId(), repository.fullName);
            throw new DeliveryRejected(401, WebhookSignature.HEADER
                    + " does not match the body signed with the secret registered for " + repository.fullName);
        }
    }

    private WebhookResult push(WebhookDelivery delivery, RegisteredRepository repository, Push push) {
        Optional<String> skip = push.skipReason();
        if (skip.isPresent()) {
            return ignore(delivery, repository, push.after(), skip.get());
        }
        String branch = push.branch().orElseThrow();
        if (push.deleted()) {
            return branchDeleted(delivery, repository, branch, push.before());
        }
        Optional<String> specYaml;
        try {
            specYaml = specReader.read(repository.fullName, repository.cloneUrl, branch, push.after());
        } catch (GitException e) {
            // Nothing recorded: a redelivery of the same delivery gets a fresh attempt.
            LOG.warnf("delivery %s for %s: %s", delivery.deliveryId(), repository.fullName, e.getMessage());
            throw new DeliveryRejected(502, "cannot read slipway.yml at " + push.after() + ": " + e.getMessage());
        }
        PushRoute route = PushRoute.of(specYaml, repository.fullName, branch, push.after());
        if (route instanceof PushRoute.Ignore ignore) {
            return ignore(delivery, repository, push.after(), ignore.reason());
        }
        PushRoute.Deploy deploy = (PushRoute.Deploy) route;
        Envelope<PushReceived> event = Envelope.first(messaging.service(), push.after(),
                new PushReceived(deploy.app(), deploy.environment(), repository.fullName, repository.cloneUrl, branch,
                        push.commitMessage(), push.pusher(), delivery.deliveryId(), deploy.preview()), clock);
        DeliveryRecord row = row(delivery, repository, DeliveryOutcome.ACCEPTED, push.after(), deploy.specProblem());
        routed(row, branch, deploy.app(), deploy.environment(), deploy.preview());
        if (!recordWithEvent(row, event)) {
            return duplicate(delivery);
        }
        LOG.infof("delivery %s: push of %s to %s/%s -> %s/%s%s, event %s", delivery.deliveryId(), push.after(),
                repository.fullName, branch, deploy.app(), deploy.environment(), deploy.preview() ? " (preview)" : "",
                row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, deploy.app(), deploy.environment(),
                deploy.preview() ? "deploying to preview environment " + deploy.environment() : null, deploy.specProblem());
    }

    /** @param lastCommit the commit the branch pointed at when it was deleted */
    private WebhookResult branchDeleted(WebhookDelivery delivery, RegisteredRepository repository, String branch,
                                        String lastCommit) {
        Optional<BranchDeletion.LastPreview> last = QuarkusTransaction.requiringNew().call(() ->
                DeliveryRecord.lastPreview(repository.fullName, branch).map(r ->
                        new BranchDeletion.LastPreview(r.app, r.environment, r.outcome == DeliveryOutcome.TEARDOWN)));
        BranchDeletion deletion = BranchDeletion.of(branch, last);
        if (deletion instanceof BranchDeletion.Ignore ignore) {
            return ignore(delivery, repository, lastCommit, ignore.reason());
        }
        BranchDeletion.TearDown teardown = (BranchDeletion.TearDown) deletion;
        Envelope<BranchDeleted> event = Envelope.first(messaging.service(), lastCommit, new BranchDeleted(teardown.app(),
                teardown.environment(), repository.fullName, branch, delivery.deliveryId(), true), clock);
        DeliveryRecord row = row(delivery, repository, DeliveryOutcome.TEARDOWN, lastCommit, null);
        routed(row, branch, teardown.app(), teardown.environment(), true);
        if (!recordWithEvent(row, event)) {
            return duplicate(delivery);
        }
        LOG.infof("delivery %s: branch %s/%s deleted -> tearing down %s/%s, event %s", delivery.deliveryId(),
                repository.fullName, branch, teardown.app(), teardown.environment(), row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, teardown.app(), teardown.environment(),
                "tearing down preview environment " + teardown.environment(), null);
    }

    private static void routed(DeliveryRecord row, String branch, String app, String environment, boolean preview) {
        row.branch = branch;
        row.app = app;
        row.environment = environment;
        row.preview = preview;
    }

    /**
     * Records the delivery and puts its event in the outbox, in one transaction.
     *
     * @return false when a copy of the delivery was recorded first; then nothing is emitted
     */
    private boolean recordWithEvent(DeliveryRecord row, Envelope<?> event) {
        row.eventId = event.metadata().id();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!row.insertIfNew()) {
                return false;
            }
            outbox.publish(event);
            return true;
        });
    }

    private WebhookResult ignore(WebhookDelivery delivery, RegisteredRepository repository, String commitSha, String reason) {
        if (!record(delivery, repository, DeliveryOutcome.IGNORED, commitSha, reason)) {
            return duplicate(delivery);
        }
        LOG.infof("delivery %s for %s ignored: %s", delivery.deliveryId(), repository.fullName, reason);
        return WebhookResult.ignored(delivery.deliveryId(), reason);
    }

    private boolean record(WebhookDelivery delivery, RegisteredRepository repository, DeliveryOutcome outcome,
                           String commitSha, String reason) {
        DeliveryRecord row = row(delivery, repository, outcome, commitSha, reason);
        return QuarkusTransaction.requiringNew().call(row::insertIfNew);
    }

    /** A copy of this delivery was recorded while this one was being handled. */
    private WebhookResult duplicate(WebhookDelivery delivery) {
        return WebhookResult.duplicate(delivery.deliveryId(), QuarkusTransaction.requiringNew()
                .call(() -> DeliveryRecord.<DeliveryRecord>findById(delivery.deliveryId()).eventId));
    }

    private DeliveryRecord row(WebhookDelivery delivery, RegisteredRepository repository, DeliveryOutcome outcome,
                               String commitSha, String reason) {
        DeliveryRecord row = new DeliveryRecord();
        row.deliveryId = delivery.deliveryId();
        row.event = delivery.event();
        row.repository = repository.fullName;
        row.receivedAt = OffsetDateTime.now(clock);
        row.outcome = outcome;
        row.reason = reason;
        row.commitSha = commitSha;
        return row;
    }

    private static Push parsePush(JsonNode payload) {
        try {
            return new Push(text(payload, "ref"), text(payload, "before"), text(payload, "after"),
                    payload.path("deleted").asBoolean(false),
                    text(payload.path("head_commit"), "message"),
                    Optional.ofNullable(text(payload.path("pusher"), "name")).orElse(text(payload.path("sender"), "login")));
        } catch (IllegalArgumentException e) {
            throw new DeliveryRejected(400, e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
