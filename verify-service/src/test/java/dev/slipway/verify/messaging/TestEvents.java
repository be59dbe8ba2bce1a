package dev.slipway.verify.messaging;

import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.EventType;
import dev.slipway.events.GoldenFixtures;
import dev.slipway.events.RollbackStarted;
import dev.slipway.testsupport.EventProbe;
import dev.slipway.verify.persistence.HealthRun;
import io.quarkus.narayana.jta.QuarkusTransaction;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** Incoming events made from the golden fixtures, and waiting for what verify-service does about them. */
final class TestEvents {
    private TestEvents() {
    }

    /**
     * The golden DeploySucceeded, re-addressed to {@code app} with its own event and correlation ids, sent now (the
     * bake window counts from its time).
     */
    static Envelope<DeploySucceeded> deploySucceeded(String app, long version, ComponentCheck... checks) {
        return deploySucceeded(app, null, version, checks);
    }

    /** @param environment null for the golden one (production) */
    static Envelope<DeploySucceeded> deploySucceeded(String app, String environment, long version,
                                                     ComponentCheck... checks) {
        Envelope<DeploySucceeded> fixture = GoldenFixtures.envelope(EventType.DEPLOY_SUCCEEDED);
        DeploySucceeded golden = fixture.data();
        DeploySucceeded data = new DeploySucceeded(app, environment == null ? golden.environment() : environment,
                version, golden.url(), golden.took(), List.of(checks));
        return readdressed(fixture.metadata(), data);
    }

    /** The golden EnvironmentTornDown (a preview environment whose branch was deleted), re-addressed to {@code app}. */
    static Envelope<EnvironmentTornDown> environmentTornDown(String app) {
        Envelope<EnvironmentTornDown> fixture = GoldenFixtures.envelope(EventType.ENVIRONMENT_TORN_DOWN);
        EnvironmentTornDown golden = fixture.data();
        return readdressed(fixture.metadata(), new EnvironmentTornDown(app, golden.environment(), golden.reason()));
    }

    /** The golden RollbackStarted, re-addressed to {@code app}'s production environment. */
    static Envelope<RollbackStarted> rollbackStarted(String app, long fromVersion, long toVersion) {
        Envelope<RollbackStarted> fixture = GoldenFixtures.envelope(EventType.ROLLBACK_STARTED);
        return readdressed(fixture.metadata(),
                new RollbackStarted(app, fixture.data().environment(), fromVersion, toVersion));
    }

    private static <E extends dev.slipway.events.PipelineEvent> Envelope<E> readdressed(EventMetadata m, E data) {
        return new Envelope<>(new EventMetadata(UUID.randomUUID().toString(), m.source(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), Envelope.subjectOf(data),
                UUID.randomUUID().toString(), m.causationId(), m.commitSha()), data);
    }

    /** HealthPassed and HealthFailed answering the event {@code causeId} of {@code app}, so far. */
    static List<Envelope<?>> results(EventProbe events, String app, String causeId) {
        return events.forApp(app).stream()
                .filter(e -> e.type() == EventType.HEALTH_PASSED || e.type() == EventType.HEALTH_FAILED)
                .filter(e -> causeId.equals(e.metadata().causationId()))
                .toList();
    }

    static Envelope<?> awaitResult(EventProbe events, String app, String causeId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> results(events, app, causeId).stream().findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    static Envelope<?> awaitResult(EventProbe events, Envelope<DeploySucceeded> cause) {
        return awaitResult(events, cause.data().app(), cause.metadata().id());
    }

    static List<Envelope<?>> rollbacksRequested(EventProbe events, String app) {
        return events.forApp(app).stream().filter(e -> e.type() == EventType.ROLLBACK_REQUESTED).toList();
    }

    /** The run answering {@code cause}, once it is recorded and matches. */
    static HealthRun awaitRun(Envelope<DeploySucceeded> cause, Predicate<HealthRun> state) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(25))
                .until(() -> QuarkusTransaction.requiringNew().call(() ->
                        HealthRun.<HealthRun>find("causeEventId", cause.metadata().id()).firstResultOptional()),
                        run -> run.isPresent() && state.test(run.get()))
                .orElseThrow();
    }
}
