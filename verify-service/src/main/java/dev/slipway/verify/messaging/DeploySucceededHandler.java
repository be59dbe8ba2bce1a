package dev.slipway.verify.messaging;

import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.platform.messaging.EventHandler;
import dev.slipway.verify.config.VerifyConfig;
import dev.slipway.verify.domain.BakeWindow;
import dev.slipway.verify.domain.RunStatus;
import dev.slipway.verify.persistence.HealthCheck;
import dev.slipway.verify.persistence.HealthRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Records a health-check run for each deployed release, due at once; {@link HealthCheckWorker} runs it through its
 * bake window. The release before it is no longer live, so the environment's unfinished runs are superseded.
 */
@ApplicationScoped
public class DeploySucceededHandler implements EventHandler {
    private final HealthResults results;
    private final VerifyConfig config;
    private final Event<RunRecorded> recorded;
    private final Clock clock;

    public DeploySucceededHandler(HealthResults results, VerifyConfig config, Event<RunRecorded> recorded,
                                  Clock clock) {
        this.results = results;
        this.config = config;
        this.recorded = recorded;
        this.clock = clock;
    }

    @Override
    public Set<EventType> handles() {
        return Set.of(EventType.DEPLOY_SUCCEEDED);
    }

    @Override
    public void handle(Envelope<?> event) {
        DeploySucceeded deployed = (DeploySucceeded) event.data();
        EventMetadata cause = event.metadata();
        // Events of one environment arrive in order (record key app/environment): any run still going is older.
        results.supersedeUnfinished(deployed.app(), deployed.environment(),
                "version " + deployed.version() + " went live");
        OffsetDateTime now = OffsetDateTime.now(clock);
        HealthRun run = new HealthRun();
        run.app = deployed.app();
        run.environment = deployed.environment();
        run.version = deployed.version();
        run.causeEventId = cause.id();
        run.causeSource = cause.source().toString();
        run.causeTime = cause.time();
        run.correlationId = cause.correlationId();
        run.commitSha = cause.commitSha();
        run.status = RunStatus.CHECKING;
        run.createdAt = now;
        run.bakeUntil = new BakeWindow(config.bakeWindow(), config.bakeInterval()).bakeUntil(cause.time(), now);
        run.nextCheckAt = now;
        run.persist();
        List<ComponentCheck> checks = deployed.checks();
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck check = new HealthCheck();
            check.runId = run.id;
            check.position = i;
            check.component = checks.get(i).component();
            check.url = checks.get(i).url();
            check.expectedStatus = checks.get(i).expectedStatus();
            check.persist();
        }
        if (checks.isEmpty()) {
            // Nothing to wait for: a release without checks passes at once.
            results.conclude(run, List.of());
        } else {
            recorded.fire(new RunRecorded(run.id));
        }
    }
}
