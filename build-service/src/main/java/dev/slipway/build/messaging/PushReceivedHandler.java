package dev.slipway.build.messaging;

import dev.slipway.build.domain.BuildStatus;
import dev.slipway.build.persistence.BuildJob;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.PushReceived;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Queues a build for every push. The build itself runs later, from the job row, never while holding the message. */
@ApplicationScoped
public class PushReceivedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(PushReceivedHandler.class);

    private final BuildWorker worker;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public PushReceivedHandler(BuildWorker worker, TransactionSynchronizationRegistry transactions, Clock clock) {
        this.worker = worker;
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
        job.triggerEventId = metadata.id();
        job.triggerSource = metadata.source().toString();
        job.triggerTime = metadata.time();
        job.correlationId = metadata.correlationId();
        job.queuedAt = OffsetDateTime.now(clock);
        job.persist();
        LOG.infof("queued build %d of %s/%s at %s", job.number, job.app, job.environment, job.commitSha);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    worker.wake();
                }
            }
        });
    }
}
