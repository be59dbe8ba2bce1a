package dev.slipway.build.messaging;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.domain.StepStatus;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.build.persistence.BuildStep;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.PushReceived;
import dev.slipway.platform.messaging.EventHandler;
import dev.slipway.platform.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Queues a build for every push. The build itself runs later, from the job row, never while holding the message.
 * <p>
 * A push to a preview environment (a branch's, or a pull request's) cancels the builds of that environment that
 * have not ended: only its newest commit matters, and a developer who pushes again wants that one tested now
 * (US3). A running build's processes are stopped. Declared environments (production, staging) are never
 * cancelled: every push to them is a release that queues.
 * <p>
 * "Newest" is the newest delivery: GitHub does not promise to deliver webhooks in the order of the pushes, and a
 * push carries no order of its own, so a push of an older commit delivered late cancels the build of a newer one
 * and is built in its place (the developer pushes again to build the newer one). A push of a commit that a
 * queued or running build of the environment already builds (a repeated delivery, the same commit pushed again)
 * cancels nothing: it queues a build of its own and the one under way runs on.
 */
@ApplicationScoped
public class PushReceivedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(PushReceivedHandler.class);

    private final BuildWorker worker;
    private final BuildEvents events;
    private final CommitStatuses statuses;
    private final Outbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public PushReceivedHandler(BuildWorker worker, BuildEvents events, CommitStatuses statuses, Outbox outbox,
                               TransactionSynchronizationRegistry transactions, Clock clock) {
        this.worker = worker;
        this.events = events;
        this.statuses = statuses;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.PUSH_RECEIVED);
    }

    /** A push without these cannot be built or reported; the reason goes with it to the dead-letter topic. */
    private static void requireFacts(PushReceived push, EventMetadata metadata) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("app", push.app());
        facts.put("environment", push.environment());
        facts.put("repository", push.repository());
        facts.put("cloneUrl", push.cloneUrl());
        facts.put("branch", push.branch());
        List<String> missing = facts.entrySet().stream().filter(f -> f.getValue() == null || f.getValue().isBlank())
                .map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("PushReceived " + metadata.id() + " cannot be built: it has no " + String.join(", ", missing));
        }
    }

    @Override
    public void handle(Envelope<?> event) {
        PushReceived push = (PushReceived) event.data();
        EventMetadata metadata = event.metadata();
        requireFacts(push, metadata);
        // The inbox already drops redeliveries; this also holds if the inbox's consumer name ever changes.
        if (BuildJob.byTrigger(metadata.id()).isPresent()) {
            return;
        }
        List<Long> stopped = push.preview() ? cancelOlder(push, metadata.commitSha()) : List.of();
        BuildJob job = new BuildJob();
        job.status = BuildStatus.QUEUED;
        job.app = push.app();
        job.environment = push.environment();
        job.preview = push.preview();
        job.repository = push.repository();
        job.cloneUrl = push.cloneUrl();
        job.branch = push.branch();
        job.commitSha = metadata.commitSha();
        job.commitMessage = push.commitMessage();
        job.pusher = push.pusher();
        job.pullRequest = push.pullRequest() == null ? null : push.pullRequest().number();
        job.fromFork = push.pullRequest() != null && push.pullRequest().fromFork();
        job.triggerEventId = metadata.id();
        job.triggerSource = metadata.source().toString();
        job.triggerTime = metadata.time();
        job.correlationId = metadata.correlationId();
        job.queuedAt = OffsetDateTime.now(clock);
        job.persist();
        LOG.infof("queued build %d of %s/%s at %s", job.number, job.app, job.environment, job.commitSha);
        String why = "superseded by build " + job.number + " of " + job.commitSha;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    stopped.forEach(number -> worker.stopRunning(number, why));
                    worker.wake();
                }
            }
        });
    }

    /**
     * Records the unfinished builds of the push's preview environment cancelled, each announced with BuildCancelled
     * and its pending commit statuses resolved, in this transaction; none when one of them builds the pushed commit.
     *
     * @return the numbers of those that were running, whose processes are to be stopped once this commits
     */
    private List<Long> cancelOlder(PushReceived push, String newCommit) {
        String reason = (push.pullRequest() != null ? "pull request #" + push.pullRequest().number()
                : "branch " + push.branch()) + " has a newer commit, " + newCommit;
        List<Long> running = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<BuildJob> unfinished = BuildJob.lockUnfinished(push.app(), push.environment());
        for (BuildJob same : unfinished) {
            if (same.commitSha.equals(newCommit)) {
                LOG.infof("push of %s to %s/%s: build %d of that commit is %s, so nothing is cancelled", newCommit,
                        push.app(), push.environment(), same.number, same.status.name().toLowerCase(Locale.ROOT));
                return List.of();
            }
        }
        for (BuildJob older : unfinished) {
            if (older.status == BuildStatus.RUNNING) {
                running.add(older.number);
            }
            older.status = BuildStatus.CANCELLED;
            older.finishedAt = now;
            older.cancelReason = reason;
            older.supersededBy = newCommit;
            for (BuildStep step : BuildStep.ofBuild(older.number)) {
                if (!step.status.isTerminal()) {
                    step.status = StepStatus.CANCELLED;
                    step.finishedAt = now;
                    step.duration = Duration.between(step.startedAt, now);
                    step.reason = "cancelled: " + reason;
                }
            }
            outbox.publish(events.cancelled(older));
            statuses.cancelled(older, newCommit);
            LOG.infof("build %d of %s/%s cancelled: %s", older.number, older.app, older.environment, reason);
        }
        return running;
    }
}
