package dev.slipway.verify.messaging;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.RollbackStarted;
import dev.slipway.platform.messaging.EventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The release an environment's unfinished runs are checking stops being live when a rollback starts (also one
 * verify-service asked for) or the environment is torn down: those runs are superseded and say nothing. A newer
 * release going live supersedes them too, in {@link DeploySucceededHandler}.
 */
@ApplicationScoped
public class ReleaseReplacedHandler implements EventHandler {
    private final HealthResults results;

    public ReleaseReplacedHandler(HealthResults results) {
        this.results = results;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.ROLLBACK_STARTED, EventType.ENVIRONMENT_TORN_DOWN);
    }

    @Override
    public void handle(Envelope<?> event) {
        String why = event.data() instanceof RollbackStarted rollback
                ? "rollback from version " + rollback.fromVersion() + " to " + rollback.toVersion() + " started"
                : "environment torn down";
        results.supersedeUnfinished(event.data().app(), event.data().environment(), why);
    }
}
