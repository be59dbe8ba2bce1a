package dev.slipway.build.messaging;

import dev.slipway.build.config.BuildConfig;
import dev.slipway.build.domain.CommitStatus;
import dev.slipway.build.domain.Durations;
import dev.slipway.build.domain.GitHubStatusClient;
import dev.slipway.build.domain.StatusAnswer;
import dev.slipway.build.domain.StatusDelivery;
import dev.slipway.build.persistence.QueuedStatus;
import dev.slipway.platform.messaging.BackgroundLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Sends queued commit statuses to GitHub, oldest first, the states of one context in the order they were set
 * ({@link QueuedStatus#lockNextDue}). Claims a due status ({@code FOR UPDATE SKIP LOCKED}, then hidden for a while so a
 * crash mid-send does not lose it), posts it outside any transaction and records what came of it: sent, tried
 * again later (IO failures, 5xx, rate limits; at most 3 attempts, counted only for requests made), or failed and
 * logged (GitHub refused it, or it could not be sent at all). A status never fails a build.
 * <p>
 * After an outage or a rate limit this sender claims nothing until the wait GitHub asked for, or the backoff, has
 * passed: the queued statuses would meet the same answer, each using up an attempt, and requests made while rate
 * limited count against the limit. Each instance of build-service keeps its own wait.
 */
@ApplicationScoped
public class CommitStatusSender {
    private static final Logger LOG = Logger.getLogger(CommitStatusSender.class);
    /** The least time a claimed status stays hidden from other senders. */
    private static final Duration LEAST_CLAIM = Duration.ofMinutes(2);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    private final BuildConfig config;
    private final Clock clock;
    /**
     * How long a claimed status stays hidden from other senders: longer than a request can take (connecting and
     * waiting for the answer may each take the timeout), so no two senders post the same status.
     */
    private final Duration claimFor;
    private GitHubStatusClient client;
    private BackgroundLoop loop;
    /** Nothing is claimed before this: GitHub is down or limits the token. */
    private volatile Instant notBefore = Instant.MIN;
    private Instant lastPurge = Instant.MIN;

    public CommitStatusSender(BuildConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        Duration derived = config.github().timeout().multipliedBy(3);
        this.claimFor = derived.compareTo(LEAST_CLAIM) > 0 ? derived : LEAST_CLAIM;
    }

    void start(@Observes StartupEvent event) {
        if (config.github().token().isEmpty()) {
            LOG.info("no GitHub token is configured (slipway.build.github.token): builds set no commit statuses");
            return;
        }
        if (config.github().backoff().isNegative() || config.github().backoff().isZero()) {
            throw new IllegalStateException("slipway.build.github.backoff must be positive, got " + config.github().backoff());
        }
        try {
            client = new GitHubStatusClient(config.github().apiUrl(), config.github().token().get(), config.github().timeout());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("slipway.build." + e.getMessage(), e);
        }
        LOG.infof("setting commit statuses through %s", config.github().apiUrl());
        loop = BackgroundLoop.start("commit-statuses", config.poll(), this::sendNext);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommitStatuses.StatusQueued queued) {
        if (loop != null) {
            loop.wake();
        }
    }

    private record Claim(long id, String repository, String sha, CommitStatus status, int attemptsDone) {
    }

    /** @return true when it worked on a status, so the loop looks for the next at once */
    boolean sendNext() {
        purgeOccasionally();
        if (clock.instant().isBefore(notBefore)) {
            return false;
        }
        Optional<Claim> claimed = QuarkusTransaction.requiringNew().call(() -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            return QueuedStatus.lockNextDue(now).map(s -> {
                s.nextAttemptAt = now.plus(claimFor);
                return new Claim(s.id, s.repository, s.commitSha,
                        new CommitStatus(s.context, s.state, s.description, s.targetUrl), s.attempts);
            });
        });
        if (claimed.isEmpty()) {
            return false;
        }
        Claim claim = claimed.get();
        StatusAnswer answer;
        try {
            answer = client.post(claim.repository(), claim.sha(), claim.status());
        } catch (InterruptedException e) {
            // shutting down: the claim runs out and the status is sent after the restart
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            // nothing was sent, and trying again would meet the same: the status must not hold up those after it
            String reason = "not sent: " + e.getMessage();
            QuarkusTransaction.requiringNew().run(() -> record(claim, claim.attemptsDone(),
                    new StatusAnswer.Decision.Failed(reason, Duration.ZERO)));
            return true;
        }
        int attempt = claim.attemptsDone() + 1;
        StatusAnswer.Decision decision = answer.decide(attempt, config.github().backoff(), clock.instant());
        if (!decision.pause().isZero()) {
            Instant until = clock.instant().plus(decision.pause());
            if (until.isAfter(notBefore)) {
                notBefore = until;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> record(claim, attempt, decision));
        return true;
    }

    /** @param attempts the attempts made so far, this one included if a request was made */
    private void record(Claim claim, int attempts, StatusAnswer.Decision decision) {
        Optional<QueuedStatus> locked = QueuedStatus.lockById(claim.id())
                .filter(s -> s.delivery == StatusDelivery.QUEUED && s.attempts == claim.attemptsDone());
        if (locked.isEmpty()) {
            return; // our claim ran out and another sender recorded this attempt first
        }
        QueuedStatus status = locked.get();
        String what = status.context + " " + status.state.apiName() + " of build " + status.buildNumber + " ("
                + claim.repository() + "@" + claim.sha() + ")";
        status.attempts = attempts;
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (decision instanceof StatusAnswer.Decision.Sent) {
            status.delivery = StatusDelivery.SENT;
            status.sentAt = now;
            status.lastError = null;
            LOG.debugf("commit status %s sent", what);
        } else if (decision instanceof StatusAnswer.Decision.RetryAfter retry) {
            status.lastError = retry.reason();
            status.nextAttemptAt = now.plus(retry.delay());
            LOG.infof("commit status %s: attempt %d not taken (%s); trying again in %s, and sending no status before then",
                    what, attempts, retry.reason(), Durations.format(retry.delay()));
        } else if (decision instanceof StatusAnswer.Decision.Failed failed) {
            status.delivery = StatusDelivery.FAILED;
            status.lastError = failed.reason();
            LOG.warnf("commit status %s not set on GitHub: %s", what, failed.reason());
        }
    }

    /** Deletes sent and failed statuses older than {@code slipway.build.github.status-retention}, every few minutes. */
    private void purgeOccasionally() {
        Instant now = clock.instant();
        if (now.isBefore(lastPurge.plus(PURGE_EVERY))) {
            return;
        }
        lastPurge = now;
        long removed = QuarkusTransaction.requiringNew().call(() ->
                QueuedStatus.purgeDone(OffsetDateTime.now(clock).minus(config.github().statusRetention())));
        if (removed > 0) {
            LOG.debugf("purged %d sent or failed commit statuses", removed);
        }
    }
}
