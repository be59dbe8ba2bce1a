package dev.slipway.notify.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.notify.config.NotifyConfig;
import dev.slipway.notify.domain.IncidentStatus;
import dev.slipway.notify.persistence.Incident;
import dev.slipway.notify.persistence.RecordedEvents;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Records every pipeline event, from every topic, once (inbox and a unique event id), as the history incident
 * reports are built from; and opens an incident for each rollback outcome. A RollbackFailed opens one too: an
 * environment that could not be restored is an incident. The report is built later, by {@link IncidentWorker},
 * once the events about the failing release have had time to arrive from their own topics.
 */
@ApplicationScoped
public class EventRecorder implements EventHandler {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final RecordedEvents events;
    private final NotifyConfig config;
    private final Clock clock;

    public EventRecorder(RecordedEvents events, NotifyConfig config, Clock clock) {
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return EnumSet.allOf(EventType.class);
    }

    @Override
    public void handle(Envelope<?> event) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        events.record(event, now);
        if (event.data() instanceof RollbackCompleted || event.data() instanceof RollbackFailed) {
            open(event, now);
        }
    }

    private void open(Envelope<?> rollback, OffsetDateTime now) {
        if (Incident.exists(rollback.metadata().id())) {
            return;
        }
        Incident incident = new Incident();
        incident.rollbackEventId = rollback.metadata().id();
        incident.rollbackEventType = rollback.type().type();
        incident.rollbackCorrelationId = rollback.metadata().correlationId();
        incident.app = rollback.data().app();
        incident.environment = rollback.data().environment();
        if (rollback.data() instanceof RollbackCompleted completed) {
            incident.restored = true;
            incident.fromVersion = completed.fromVersion();
            incident.toVersion = completed.toVersion();
        } else {
            RollbackFailed failed = (RollbackFailed) rollback.data();
            incident.restored = false;
            incident.failure = failed.reason();
        }
        incident.rolledBackAt = rollback.metadata().time();
        incident.openedAt = now;
        incident.status = IncidentStatus.REPORT_PENDING;
        incident.reportDueAt = now.plus(config.incidentSettle());
        incident.persist();
        LOG.infof("incident #%d opened for %s/%s: %s; report due in %d ms", incident.id, incident.app,
                incident.environment, incident.restored ? "rolled back from version " + incident.fromVersion
                        + " to " + incident.toVersion : "rollback failed", config.incidentSettle().toMillis());
    }
}
