package dev.slipway.ingest.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.BranchDeleted;
import dev.slipway.events.Envelope;
import dev.slipway.events.PullRequestClosed;
import dev.slipway.events.PullRequestRef;
import dev.slipway.events.PushReceived;
import dev.slipway.ingest.config.IngestConfig;
import dev.slipway.ingest.domain.DeliveryOutcome;
import dev.slipway.ingest.domain.GitException;
import dev.slipway.ingest.domain.GitSpecReader;
import dev.slipway.ingest.domain.PreviewTeardown;
import dev.slipway.ingest.domain.PullRequest;
import dev.slipway.ingest.domain.PullRequestRoute;
import dev.slipway.ingest.domain.PullRequestSource;
import dev.slipway.ingest.domain.Push;
import dev.slipway.ingest.domain.PushRoute;
import dev.slipway.ingest.domain.WebhookSignature;
import dev.slipway.ingest.persistence.DeliveryRecord;
import dev.slipway.ingest.persistence.RegisteredRepository;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
import dev.slipway.platform.security.SecretCipher;
import dev.slipway.spec.PipelineSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Turns a GitHub delivery into at most one event: checks the signature with the repository's secret, drops
 * redeliveries, then for a push reads slipway.yml at the pushed commit (PushReceived), for an opened or updated pull
 * request reads it too and builds the pull request in its preview environment (PushReceived with the pull request;
 * one from a fork only when {@code slipway.ingest.fork-pull-requests=build}, see {@link PullRequestSource}),
 * and for a deleted branch or a closed pull request looks up the preview environment it had (BranchDeleted,
 * PullRequestClosed). The delivery is recorded together with its event in one transaction.
 *
 * <p>One commit is started once per environment: GitHub sends both a push and a pull_request for each commit pushed
 * to a pull request's branch, and both reach the branch's preview. Whichever comes second is recorded as ignored,
 * naming the delivery that started the commit (see {@link DeliveryRecord#holdsCommit}).
 */
@ApplicationScoped
public class DeliveryIngestor {
    private static final Logger LOG = Logger.getLogger(DeliveryIngestor.class);
    /** How often a start is retried when the delivery holding its commit let go of it at that very moment. */
    private static final int START_ATTEMPTS = 3;

    private final SecretCipher cipher;
    private final GitSpecReader specReader;
    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final IngestConfig config;
    private final Clock clock;

    public DeliveryIngestor(SecretCipher cipher, GitSpecReader specReader, Outbox outbox,
                            MessagingConfig messaging, IngestConfig config, Clock clock) {
        this.cipher = cipher;
        this.specReader = specReader;
        this.outbox = outbox;
        this.messaging = messaging;
        this.config = config;
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
                    ? WebhookResult.pong(delivery.deliveryId()) : duplicate(delivery.deliveryId());
            case "push" -> push(delivery, repository, parsePush(delivery.payload()));
            case "pull_request" -> {
                PullRequest pullRequest = parsePullRequest(delivery.payload(), delivery.repository());
                yield pullRequest(delivery, repository, pullRequest).about(pullRequest.number(), pullRequest.action());
            }
            default -> ignore(row(delivery, repository, null),
                    "event '" + delivery.event() + "' is not handled; only push, pull_request and ping are");
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
            return ignore(row(delivery, repository, push.after()), skip.get());
        }
        String branch = push.branch().orElseThrow();
        if (push.deleted()) {
            return branchDeleted(delivery, repository, branch, push.before());
        }
        Optional<String> specYaml = readSpec(delivery, repository, branch, push.after());
        PushRoute route = PushRoute.of(specYaml, repository.fullName, branch, push.after());
        if (route instanceof PushRoute.Ignore ignore) {
            return ignore(row(delivery, repository, push.after()), ignore.reason());
        }
        PushRoute.Deploy deploy = (PushRoute.Deploy) route;
        Envelope<PushReceived> event = Envelope.first(messaging.service(), push.after(),
                new PushReceived(deploy.app(), deploy.environment(), repository.fullName, repository.cloneUrl, branch,
                        push.commitMessage(), push.pusher(), delivery.deliveryId(), deploy.preview()), clock);
        DeliveryRecord row = row(delivery, repository, push.after());
        row.reason = deploy.specProblem();
        routed(row, branch, deploy.app(), deploy.environment(), deploy.preview());
        Optional<WebhookResult> notStarted = start(row, event);
        if (notStarted.isPresent()) {
            return notStarted.get();
        }
        LOG.infof("delivery %s: push of %s to %s/%s -> %s/%s%s, event %s", delivery.deliveryId(), push.after(),
                repository.fullName, branch, deploy.app(), deploy.environment(), deploy.preview() ? " (preview)" : "",
                row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, deploy.app(), deploy.environment(),
                deploy.preview() ? "deploying to preview environment " + deploy.environment() : null, deploy.specProblem());
    }

    /**
     * An opened, updated or reopened pull request is tested and deployed to its preview environment, whatever branch
     * it targets: branch protection decides what its result gates (FR-002).
     */
    private WebhookResult pullRequest(WebhookDelivery delivery, RegisteredRepository repository, PullRequest pr) {
        Optional<String> skip = pr.skipReason();
        if (skip.isPresent()) {
            return ignore(pullRequestRow(delivery, repository, pr), skip.get());
        }
        if (pr.closes()) {
            return pullRequestClosed(delivery, repository, pr);
        }
        // Forks are off unless the operator turned them on; when on, only the fork on the registered host is fetched.
        PullRequestSource source = PullRequestSource.of(pr, config.forkPullRequests(), repository.fullName,
                repository.cloneUrl);
        if (source instanceof PullRequestSource.Ignore ignore) {
            return ignore(pullRequestRow(delivery, repository, pr), ignore.reason());
        }
        PullRequestSource.Build build = (PullRequestSource.Build) source;
        GitSpecReader.SpecFile spec = build.specCommit().isPresent()
                ? new GitSpecReader.SpecFile(build.specCommit().get(),
                        readSpec(delivery, repository, build.specBranch(), build.specCommit().get()))
                : readTip(delivery, repository, build.specBranch());
        PullRequestRoute route = PullRequestRoute.of(spec.text(), spec.commitSha(), pr);
        if (route instanceof PullRequestRoute.Ignore ignore) {
            return ignore(pullRequestRow(delivery, repository, pr), ignore.reason());
        }
        PullRequestRoute.Deploy deploy = (PullRequestRoute.Deploy) route;
        // fromFork is what keeps secrets from a fork's code: build-service withholds them from its build and
        // deploy-service from its preview, since anyone can open a pull request from a fork.
        PullRequestRef ref = new PullRequestRef(pr.number(), pr.url(), pr.headRepository(), pr.headRef(), pr.fromFork());
        Envelope<PushReceived> event = Envelope.first(messaging.service(), pr.headSha(),
                new PushReceived(deploy.app(), deploy.environment(), repository.fullName, build.cloneUrl(),
                        pr.branch(), pr.title(), pr.sender(), delivery.deliveryId(), true, ref), clock);
        DeliveryRecord row = pullRequestRow(delivery, repository, pr);
        row.reason = deploy.specProblem();
        routed(row, pr.branch(), deploy.app(), deploy.environment(), true);
        Optional<WebhookResult> notStarted = start(row, event);
        if (notStarted.isPresent()) {
            return notStarted.get();
        }
        LOG.infof("delivery %s: pull request #%d %s of %s (%s from %s) -> %s/%s, event %s", delivery.deliveryId(),
                pr.number(), pr.action(), repository.fullName, pr.headSha(), pr.fromFork() ? "fork " + pr.headRepository()
                        : "branch " + pr.headRef(), deploy.app(), deploy.environment(), row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, deploy.app(), deploy.environment(),
                "building pull request #" + pr.number() + " in preview environment " + deploy.environment()
                        + (pr.fromFork() ? "; it comes from a fork, so it gets no secrets" : ""),
                deploy.specProblem());
    }

    private Optional<String> readSpec(WebhookDelivery delivery, RegisteredRepository repository, String branch,
                                      String commitSha) {
        try {
            return specReader.read(repository.fullName, repository.cloneUrl, branch, commitSha);
        } catch (GitException e) {
            // Nothing recorded: a redelivery of the same delivery gets a fresh attempt.
            LOG.warnf("delivery %s for %s: %s", delivery.deliveryId(), repository.fullName, e.getMessage());
            throw new DeliveryRejected(502, "cannot read slipway.yml at " + commitSha + ": " + e.getMessage());
        }
    }

    private GitSpecReader.SpecFile readTip(WebhookDelivery delivery, RegisteredRepository repository, String branch) {
        try {
            return specReader.readTip(repository.fullName, repository.cloneUrl, branch);
        } catch (GitException e) {
            LOG.warnf("delivery %s for %s: %s", delivery.deliveryId(), repository.fullName, e.getMessage());
            throw new DeliveryRejected(502, "cannot read slipway.yml at the tip of branch '" + branch + "': "
                    + e.getMessage());
        }
    }

    /** @param lastCommit the commit the branch pointed at when it was deleted */
    private WebhookResult branchDeleted(WebhookDelivery delivery, RegisteredRepository repository, String branch,
                                        String lastCommit) {
        PreviewTeardown teardown = PreviewTeardown.ofDeletedBranch(branch,
                lastPreview(repository, PipelineSpec.previewEnvironmentName(branch)));
        if (teardown instanceof PreviewTeardown.Ignore ignore) {
            return ignore(row(delivery, repository, lastCommit), ignore.reason());
        }
        PreviewTeardown.TearDown tearDown = (PreviewTeardown.TearDown) teardown;
        Envelope<BranchDeleted> event = Envelope.first(messaging.service(), lastCommit, new BranchDeleted(tearDown.app(),
                tearDown.environment(), repository.fullName, branch, delivery.deliveryId(), true), clock);
        DeliveryRecord row = row(delivery, repository, lastCommit);
        routed(row, branch, tearDown.app(), tearDown.environment(), true);
        if (!tearDown(row, event)) {
            return duplicate(delivery.deliveryId());
        }
        LOG.infof("delivery %s: branch %s/%s deleted -> tearing down %s/%s, event %s", delivery.deliveryId(),
                repository.fullName, branch, tearDown.app(), tearDown.environment(), row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, tearDown.app(), tearDown.environment(),
                "tearing down preview environment " + tearDown.environment(), null);
    }

    /** A closed pull request, merged or not, no longer needs its preview environment. */
    private WebhookResult pullRequestClosed(WebhookDelivery delivery, RegisteredRepository repository, PullRequest pr) {
        String environment = pr.previewEnvironment();
        PreviewTeardown teardown = PreviewTeardown.ofClosedPullRequest(pr.number(), environment,
                lastPreview(repository, environment));
        if (teardown instanceof PreviewTeardown.Ignore ignore) {
            return ignore(pullRequestRow(delivery, repository, pr), ignore.reason());
        }
        PreviewTeardown.TearDown tearDown = (PreviewTeardown.TearDown) teardown;
        Envelope<PullRequestClosed> event = Envelope.first(messaging.service(), pr.headSha(),
                new PullRequestClosed(tearDown.app(), tearDown.environment(), repository.fullName, pr.number(),
                        pr.merged(), delivery.deliveryId()), clock);
        DeliveryRecord row = pullRequestRow(delivery, repository, pr);
        routed(row, pr.branch(), tearDown.app(), tearDown.environment(), true);
        if (!tearDown(row, event)) {
            return duplicate(delivery.deliveryId());
        }
        LOG.infof("delivery %s: pull request #%d of %s %s -> tearing down %s/%s, event %s", delivery.deliveryId(),
                pr.number(), repository.fullName, pr.merged() ? "merged" : "closed", tearDown.app(),
                tearDown.environment(), row.eventId);
        return WebhookResult.accepted(delivery.deliveryId(), row.eventId, tearDown.app(), tearDown.environment(),
                "pull request #" + pr.number() + " was " + (pr.merged() ? "merged" : "closed")
                        + "; tearing down preview environment " + tearDown.environment(), null);
    }

    private static Optional<PreviewTeardown.LastPreview> lastPreview(RegisteredRepository repository, String environment) {
        return QuarkusTransaction.requiringNew().call(() ->
                DeliveryRecord.lastPreview(repository.fullName, environment).map(r ->
                        new PreviewTeardown.LastPreview(r.app, r.environment, r.outcome == DeliveryOutcome.TEARDOWN)));
    }

    private static void routed(DeliveryRecord row, String branch, String app, String environment, boolean preview) {
        row.branch = branch;
        row.app = app;
        row.environment = environment;
        row.preview = preview;
    }

    /**
     * Starts a run: records the accepted delivery as the one holding its commit in its environment, lets go of the
     * environment's other commits, and puts the event in the outbox, in one transaction.
     *
     * @return empty when this delivery started the run; else the answer when it did not: a copy of it was recorded
     * first, or another delivery already started the same commit in the same environment (then this one is
     * recorded as ignored, naming that delivery)
     */
    private Optional<WebhookResult> start(DeliveryRecord row, Envelope<?> event) {
        String eventId = event.metadata().id();
        return QuarkusTransaction.requiringNew().call(() -> {
            for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                row.outcome = DeliveryOutcome.ACCEPTED;
                row.eventId = eventId;
                row.holdsCommit = true;
                if (row.insertIfNew()) {
                    DeliveryRecord.releaseOtherCommits(row.repository, row.environment, row.commitSha);
                    outbox.publish(event);
                    return Optional.<WebhookResult>empty();
                }
                if (DeliveryRecord.findByIdOptional(row.deliveryId).isPresent()) {
                    return Optional.of(duplicateOf(row.deliveryId));
                }
                Optional<DeliveryRecord> first = DeliveryRecord.holderOf(row.repository, row.environment, row.commitSha);
                if (first.isPresent()) {
                    String reason = alreadyStarted(row, first.get());
                    row.outcome = DeliveryOutcome.IGNORED;
                    row.eventId = null;
                    row.holdsCommit = false;
                    row.reason = reason;
                    if (!row.insertIfNew()) {
                        return Optional.of(duplicateOf(row.deliveryId));
                    }
                    LOG.infof("delivery %s for %s ignored: %s", row.deliveryId, row.repository, reason);
                    return Optional.of(WebhookResult.ignored(row.deliveryId, reason));
                }
                // the delivery holding the commit let go of it between the insert and the look-up: try again
            }
            throw new IllegalStateException("delivery " + row.deliveryId + " could not start commit " + row.commitSha
                    + " in " + row.environment + " after " + START_ATTEMPTS + " attempts");
        });
    }

    private static String alreadyStarted(DeliveryRecord row, DeliveryRecord first) {
        String what = first.pullRequest == null ? first.event : "pull request #" + first.pullRequest + " " + first.action;
        return "commit " + row.commitSha + " was already started in " + row.app + "/" + row.environment
                + " by delivery " + first.deliveryId + " (" + what + ")";
    }

    /**
     * Records a teardown and puts its event in the outbox, in one transaction; the environment's commits are let go,
     * so the next push or pull request of any of them deploys it again.
     *
     * @return false when a copy of the delivery was recorded first; then nothing is emitted
     */
    private boolean tearDown(DeliveryRecord row, Envelope<?> event) {
        row.outcome = DeliveryOutcome.TEARDOWN;
        row.eventId = event.metadata().id();
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!row.insertIfNew()) {
                return false;
            }
            DeliveryRecord.releaseCommits(row.repository, row.environment);
            outbox.publish(event);
            return true;
        });
    }

    private WebhookResult ignore(DeliveryRecord row, String reason) {
        row.outcome = DeliveryOutcome.IGNORED;
        row.reason = reason;
        if (!QuarkusTransaction.requiringNew().call(row::insertIfNew)) {
            return duplicate(row.deliveryId);
        }
        LOG.infof("delivery %s for %s ignored: %s", row.deliveryId, row.repository, reason);
        return WebhookResult.ignored(row.deliveryId, reason);
    }

    private boolean record(WebhookDelivery delivery, RegisteredRepository repository, DeliveryOutcome outcome,
                           String commitSha, String reason) {
        DeliveryRecord row = row(delivery, repository, commitSha);
        row.outcome = outcome;
        row.reason = reason;
        return QuarkusTransaction.requiringNew().call(row::insertIfNew);
    }

    /** A copy of this delivery was recorded while this one was being handled. */
    private WebhookResult duplicate(String deliveryId) {
        return QuarkusTransaction.requiringNew().call(() -> duplicateOf(deliveryId));
    }

    private static WebhookResult duplicateOf(String deliveryId) {
        return WebhookResult.duplicate(deliveryId, DeliveryRecord.<DeliveryRecord>findById(deliveryId).eventId);
    }

    /** The record of a delivery; its outcome is set by what becomes of it. */
    private DeliveryRecord row(WebhookDelivery delivery, RegisteredRepository repository, String commitSha) {
        DeliveryRecord row = new DeliveryRecord();
        row.deliveryId = delivery.deliveryId();
        row.event = delivery.event();
        row.repository = repository.fullName;
        row.receivedAt = OffsetDateTime.now(clock);
        row.commitSha = commitSha;
        return row;
    }

    private DeliveryRecord pullRequestRow(WebhookDelivery delivery, RegisteredRepository repository, PullRequest pr) {
        DeliveryRecord row = row(delivery, repository, pr.headSha());
        row.action = pr.action();
        row.pullRequest = pr.number();
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

    /** @param repository the payload's {@code repository.full_name}: the repository the webhook belongs to */
    private static PullRequest parsePullRequest(JsonNode payload, String repository) {
        JsonNode pr = payload.path("pull_request");
        if (!pr.isObject()) {
            throw new DeliveryRejected(400, "pull_request payload has no 'pull_request' object");
        }
        JsonNode head = pr.path("head");
        JsonNode base = pr.path("base");
        // null when the fork the pull request comes from was deleted
        JsonNode headRepo = head.path("repo");
        try {
            return new PullRequest(text(payload, "action"), repository,
                    text(payload.path("repository"), "default_branch"),
                    payload.path("number").asInt(pr.path("number").asInt(0)), text(pr, "html_url"), text(pr, "title"),
                    text(head, "ref"), text(head, "sha"),
                    headRepo.isObject() ? text(headRepo, "full_name") : null,
                    headRepo.isObject() ? text(headRepo, "clone_url") : null,
                    text(base, "ref"), text(base, "sha"), pr.path("merged").asBoolean(false),
                    text(payload.path("sender"), "login"));
        } catch (IllegalArgumentException e) {
            throw new DeliveryRejected(400, e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
