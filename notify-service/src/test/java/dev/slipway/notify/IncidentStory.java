package dev.slipway.notify;

import dev.slipway.events.BuildSucceeded;
import dev.slipway.events.CheckObservation;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeployRequested;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.HealthFailed;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.PushReceived;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackRequested;
import dev.slipway.events.RollbackStarted;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A release of {@code app}/production that goes wrong, as the services tell it, built from the golden fixtures:
 * version 11 (commit 7d1e2f3…) went live at 09:00; version 12 (the fixtures' commit 9049f12…) is pushed at 10:00,
 * built, queued at 10:04, live at 10:05; then it is rolled back, automatically on a failed health check, by alice,
 * or the rollback fails. Every event answers the one before it, as the services do ({@link Envelope#answering}).
 */
public final class IncidentStory {
    public static final String ENVIRONMENT = "production";
    public static final String PREVIOUS_COMMIT = "7d1e2f3a4b5c6d7e8f90a1b2c3d4e5f60718293a";
    /** The failing answer's body: the fixture's, padded past what a Slack message shows. */
    public static final String LONG_OUTPUT_END = "<end of the answer>";

    public final String app;
    public final Envelope<DeploySucceeded> previousLive;
    public final Envelope<PushReceived> push;
    public final Envelope<BuildSucceeded> build;
    public final Envelope<DeployRequested> requested;
    public final Envelope<DeployStarted> started;
    public final Envelope<DeploySucceeded> live;
    public Envelope<HealthFailed> unhealthy;
    public Envelope<RollbackRequested> rollbackRequested;
    public Envelope<RollbackStarted> rollbackStarted;
    public Envelope<RollbackCompleted> rolledBack;
    public Envelope<RollbackFailed> rollbackFailed;

    private IncidentStory(String app) {
        this.app = app;
        DeploySucceeded liveFixture = GoldenFixtures.<DeploySucceeded>envelope(EventType.DEPLOY_SUCCEEDED).data();
        previousLive = Envelope.first("deploy-service", PREVIOUS_COMMIT, new DeploySucceeded(app, ENVIRONMENT, 11,
                url(), Duration.ofSeconds(3), checks(liveFixture)), at("09:00:00"));

        Envelope<PushReceived> pushFixture = GoldenFixtures.envelope(EventType.PUSH_RECEIVED);
        PushReceived p = pushFixture.data();
        push = Envelope.first("ingest-service", pushFixture.metadata().commitSha(), new PushReceived(app, ENVIRONMENT,
                p.repository(), p.cloneUrl(), p.branch(), p.commitMessage(), p.pusher(), p.deliveryId(), p.preview()),
                at("10:00:00"));
        BuildSucceeded b = GoldenFixtures.<BuildSucceeded>envelope(EventType.BUILD_SUCCEEDED).data();
        build = Envelope.answering(push.metadata(), "build-service", new BuildSucceeded(app, ENVIRONMENT,
                b.buildNumber(), b.repository(), b.branch(), b.components(), b.settings()), at("10:03:00"));
        DeployRequested r = GoldenFixtures.<DeployRequested>envelope(EventType.DEPLOY_REQUESTED).data();
        requested = Envelope.answering(build.metadata(), "deploy-service", new DeployRequested(app, ENVIRONMENT,
                r.version(), r.buildNumber(), r.target(), r.trigger()), at("10:04:00"));
        started = Envelope.answering(requested.metadata(), "deploy-service",
                new DeployStarted(app, ENVIRONMENT, r.version(), r.target()), at("10:04:01"));
        live = Envelope.answering(started.metadata(), "deploy-service", new DeploySucceeded(app, ENVIRONMENT,
                liveFixture.version(), url(), liveFixture.took(), checks(liveFixture)), at("10:05:00"));
    }

    /** v12 fails its health check at 10:06; verify-service asks for the rollback; v11 is back at 10:06:00.54. */
    public static IncidentStory automatic(String app) {
        IncidentStory story = new IncidentStory(app);
        CheckObservation o = GoldenFixtures.<HealthFailed>envelope(EventType.HEALTH_FAILED).data().observations().get(0);
        String output = o.output() + "\n" + "trace line\n".repeat(150) + LONG_OUTPUT_END;
        story.unhealthy = Envelope.answering(story.live.metadata(), "verify-service", new HealthFailed(app, ENVIRONMENT,
                12, List.of(new CheckObservation(o.component(), story.url(), o.expectedStatus(), o.status(), o.latency(),
                o.error(), o.attempts(), false, output))), at("10:06:00"));
        story.rollbackRequested = Envelope.answering(story.unhealthy.metadata(), "verify-service",
                new RollbackRequested(app, ENVIRONMENT, null, "health checks of version 12 failed: web: " + o.error(),
                        "verify-service", 12L), at("10:06:00.200"));
        story.rollBack(story.rollbackRequested.metadata(), "10:06:00.500", "10:06:00.540");
        return story;
    }

    /** Nothing failed a health check; alice rolls back at 11:00 from the CLI, a run of its own. */
    public static IncidentStory manual(String app) {
        IncidentStory story = new IncidentStory(app);
        story.rollbackRequested = aliceAsks(story, 11L);
        story.rollBack(story.rollbackRequested.metadata(), "11:00:00.500", "11:00:00.540");
        return story;
    }

    /** alice asks for version 9, which never went live here: deploy-service refuses and v12 stays live. */
    public static IncidentStory failed(String app) {
        IncidentStory story = new IncidentStory(app);
        story.rollbackRequested = aliceAsks(story, 9L);
        String reason = GoldenFixtures.<RollbackFailed>envelope(EventType.ROLLBACK_FAILED).data().reason()
                .replace("shop/production", app + "/" + ENVIRONMENT);
        story.rollbackFailed = Envelope.answering(story.rollbackRequested.metadata(), "deploy-service",
                new RollbackFailed(app, ENVIRONMENT, 9L, reason), at("11:00:00.300"));
        return story;
    }

    /** Every event of the story, in the order the services emit them. */
    public List<Envelope<?>> all() {
        List<Envelope<?>> all = new ArrayList<>(List.of(previousLive, push, build, requested, started, live));
        for (Envelope<?> e : new Envelope<?>[] {unhealthy, rollbackRequested, rollbackStarted, rolledBack, rollbackFailed}) {
            if (e != null) {
                all.add(e);
            }
        }
        return all;
    }

    public String url() {
        return "http://127.0.0.1:8088/" + app + "/" + ENVIRONMENT + "/";
    }

    private static Envelope<RollbackRequested> aliceAsks(IncidentStory story, long toVersion) {
        Envelope<RollbackRequested> fixture = GoldenFixtures.envelope(EventType.ROLLBACK_REQUESTED);
        RollbackRequested r = fixture.data();
        return Envelope.first("cli", fixture.metadata().commitSha(), new RollbackRequested(story.app, ENVIRONMENT,
                toVersion, r.reason(), r.requestedBy(), r.fromVersion()), at("11:00:00"));
    }

    /** deploy-service's rollback events carry the commit they restore. */
    private void rollBack(EventMetadata request, String startedAt, String completedAt) {
        RollbackCompleted c = GoldenFixtures.<RollbackCompleted>envelope(EventType.ROLLBACK_COMPLETED).data();
        rollbackStarted = answering(request, "deploy-service", new RollbackStarted(app, ENVIRONMENT, 12, 11),
                startedAt, PREVIOUS_COMMIT);
        rolledBack = answering(rollbackStarted.metadata(), "deploy-service",
                new RollbackCompleted(app, ENVIRONMENT, 12, 11, url(), c.took()), completedAt, PREVIOUS_COMMIT);
    }

    private static <E extends PipelineEvent> Envelope<E> answering(EventMetadata cause, String service, E data,
                                                                   String time, String commitSha) {
        return new Envelope<>(new EventMetadata(UUID.randomUUID().toString(), Envelope.sourceOf(service),
                Instant.parse("2026-11-26T" + time + "Z").atOffset(ZoneOffset.UTC), Envelope.subjectOf(data),
                cause.correlationId(), cause.id(), commitSha), data);
    }

    private List<ComponentCheck> checks(DeploySucceeded fixture) {
        return fixture.checks().stream().map(c -> new ComponentCheck(c.component(), url(), c.expectedStatus())).toList();
    }

    private static Clock at(String time) {
        return Clock.fixed(Instant.parse("2026-11-26T" + time + "Z"), ZoneOffset.UTC);
    }
}
