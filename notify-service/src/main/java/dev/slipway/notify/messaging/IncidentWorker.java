package dev.slipway.notify.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.events.EventCodec;
import dev.slipway.events.EventType;
import dev.slipway.notify.config.NotifyConfig;
import dev.slipway.notify.domain.IncidentReport;
import dev.slipway.notify.domain.IncidentReportBuilder;
import dev.slipway.notify.domain.IncidentStatus;
import dev.slipway.notify.domain.IncidentText;
import dev.slipway.notify.domain.Notification;
import dev.slipway.notify.domain.NotificationKind;
import dev.slipway.notify.domain.TextFormat;
import dev.slipway.notify.persistence.PipelineEventRecord;
import dev.slipway.notify.domain.RecordedEvent;
import dev.slipway.notify.persistence.Incident;
import dev.slipway.notify.persistence.RecordedEvents;
import dev.slipway.platform.messaging.BackgroundLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds the reports of incidents that are due: claims one ({@code FOR UPDATE SKIP LOCKED}), and in that one short
 * transaction reads the recorded events, stores the report with its text and records its message for every
 * channel whose rules take it. The due time lives in the database (opened + {@code slipway.notify.incident-settle}),
 * so a restart loses nothing. While the rollback request or the event it answers (the failed health check) has not arrived, the report
 * waits for it, up to {@code slipway.notify.incident-max-wait}, and then says what is missing.
 */
@ApplicationScoped
public class IncidentWorker {
    private static final Logger LOG = Logger.getLogger(IncidentWorker.class);
    /** Attempts at building one report; after the last, a short message still says that the rollback happened. */
    static final int REPORT_ATTEMPTS = 3;

    private final NotifyConfig config;
    private final RecordedEvents history;
    private final DeliveryLog deliveries;
    private final Clock clock;
    private BackgroundLoop loop;

    public IncidentWorker(NotifyConfig config, RecordedEvents history, DeliveryLog deliveries, Clock clock) {
        this.config = config;
        this.history = history;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        if (config.incidentSettle().isNegative()) {
            throw new IllegalStateException("slipway.notify.incident-settle must not be negative, got "
                    + config.incidentSettle());
        }
        if (config.incidentMaxWait().compareTo(config.incidentSettle()) < 0) {
            throw new IllegalStateException("slipway.notify.incident-max-wait (" + config.incidentMaxWait()
                    + ") must not be shorter than slipway.notify.incident-settle (" + config.incidentSettle() + ")");
        }
        loop = BackgroundLoop.start("notify-incidents", config.pollInterval(), this::reportNext);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** @return true when it worked on an incident, so the loop looks for the next at once */
    boolean reportNext() {
        AtomicReference<Long> claimed = new AtomicReference<>();
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<Incident> due = Incident.lockNextDue(now());
                if (due.isEmpty()) {
                    return false;
                }
                claimed.set(due.get().id);
                report(due.get());
                return true;
            });
        } catch (RuntimeException e) {
            if (claimed.get() == null) {
                throw e;
            }
            // one report that cannot be built must not hold up the others
            QuarkusTransaction.requiringNew().run(() -> failedAttempt(claimed.get(), e));
            return true;
        }
    }

    private void report(Incident incident) {
        OffsetDateTime now = now();
        // recorded in the transaction that opened the incident
        RecordedEvent rollback = history.byId(incident.rollbackEventId).orElseThrow(() -> new IllegalStateException(
                "the rollback event " + incident.rollbackEventId + " of incident #" + incident.id + " is not recorded"));
        IncidentReportBuilder.Evidence evidence = IncidentReportBuilder.evidence(rollback, history);
        OffsetDateTime giveUpAt = incident.openedAt.plus(config.incidentMaxWait());
        if (!evidence.complete() && now.isBefore(giveUpAt)) {
            Duration recheck = config.incidentSettle().compareTo(config.pollInterval()) > 0
                    ? config.incidentSettle() : config.pollInterval();
            OffsetDateTime next = now.plus(recheck);
            incident.reportDueAt = next.isAfter(giveUpAt) ? giveUpAt : next;
            LOG.debugf("incident #%d waits for event %s, which its rollback answers", incident.id,
                    evidence.missingEventId());
            return;
        }
        IncidentReport report = IncidentReportBuilder.build(incident.id, rollback, evidence, history,
                config.incidentMaxWait());
        incident.fromVersion = report.from() == null ? null : report.from().version();
        incident.trigger = report.trigger();
        incident.reason = report.reason();
        incident.report = json(report);
        reported(incident, IncidentText.subject(report), IncidentText.render(report, TextFormat.SLACK),
                IncidentText.render(report, TextFormat.PLAIN), rollback.commitSha(), now);
        LOG.infof("incident #%d %s/%s reported: %s, %s", incident.id, incident.app, incident.environment,
                report.headline(), report.trigger());
    }

    private void failedAttempt(long id, RuntimeException error) {
        Incident.lockById(id).filter(i -> i.status == IncidentStatus.REPORT_PENDING).ifPresent(incident -> {
            OffsetDateTime now = now();
            incident.reportAttempts++;
            incident.reportError = rootMessage(error);
            if (incident.reportAttempts < REPORT_ATTEMPTS) {
                Duration wait = config.backoff().multipliedBy(1L << (incident.reportAttempts - 1));
                incident.reportDueAt = now.plus(wait);
                LOG.warnf(error, "report of incident #%d failed (attempt %d), retrying in %d ms", id,
                        incident.reportAttempts, wait.toMillis());
                return;
            }
            LOG.errorf(error, "report of incident #%d failed %d times; announcing the rollback without it", id,
                    incident.reportAttempts);
            reported(incident, IncidentText.subjectWithoutReport(incident.id, incident.app, incident.environment,
                            incident.restored, incident.fromVersion, incident.toVersion, incident.failure),
                    withoutReport(incident, TextFormat.SLACK), withoutReport(incident, TextFormat.PLAIN),
                    PipelineEventRecord.byEventId(incident.rollbackEventId).map(e -> e.commitSha).orElse(null), now);
        });
    }

    private static String withoutReport(Incident incident, TextFormat format) {
        return IncidentText.withoutReport(incident.id, incident.app, incident.environment, incident.restored,
                incident.fromVersion, incident.toVersion, incident.failure, incident.reportError, format);
    }

    /**
     * Stores the Slack text and sends the report to every channel whose rules take the rollback's kind
     * ({@code rolled-back} or {@code rollback-failed}) in its environment.
     *
     * @param commitSha the commit the rollback event carries: for a completed one, the commit restored
     */
    private void reported(Incident incident, String subject, String slackText, String plainText, String commitSha,
                          OffsetDateTime now) {
        incident.reportText = slackText;
        incident.status = IncidentStatus.REPORTED;
        incident.reportedAt = now;
        EventType type = EventType.fromType(incident.rollbackEventType).orElseThrow(() -> new IllegalStateException(
                "incident #" + incident.id + " has the unknown rollback event type " + incident.rollbackEventType));
        NotificationKind kind = NotificationKind.of(type).orElseThrow(() -> new IllegalStateException(
                "incident #" + incident.id + ": " + type.type() + " is not a rollback outcome"));
        deliveries.record(new Notification(incident.rollbackEventId, type.type(), kind, incident.app,
                incident.environment, incident.restored ? incident.toVersion : null, commitSha, incident.rolledBackAt,
                subject, slackText, plainText, incident.id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private static String json(IncidentReport report) {
        try {
            return EventCodec.json().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an incident report always serializes: " + e.getOriginalMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
