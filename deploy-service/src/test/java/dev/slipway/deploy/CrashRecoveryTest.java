package dev.slipway.deploy;

import dev.slipway.deploy.domain.ComponentKind;
import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.domain.Digest;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.LocalTarget;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.domain.ReleaseComponent;
import dev.slipway.deploy.messaging.DeployWorker;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.ComponentCheck;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EventType;
import dev.slipway.events.HealthCheckSpec;
import dev.slipway.testsupport.EventProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** A deploy cut short by a restart is never left "running": it is resolved by what the environment serves. */
@QuarkusTest
class CrashRecoveryTest {
    static EventProbe probe;

    @Inject
    DeployWorker worker;
    @Inject
    EnvironmentRepository environments;
    @Inject
    DeploymentRepository deployments;
    @Inject
    LocalTarget local;

    @BeforeAll
    static void startProbe() {
        probe = EventProbe.start();
    }

    @AfterAll
    static void stopProbe() {
        probe.close();
    }

    @Test
    void staleDeployWhoseReleaseIsNotLiveFails() {
        String app = "deploy-crash-before";
        String startedEventId = deployingSince(app, Builds.commit(), OffsetDateTime.now().minusMinutes(5), Digest.of(new byte[]{1}));

        worker.recoverStale();

        Envelope<DeployFailed> failed = probe.await(EventType.DEPLOY_FAILED, e -> e.data().app().equals(app));
        assertThat(failed.data()).isEqualTo(new DeployFailed(app, "production", 1,
                "deploy-service restarted during the deploy"));
        assertThat(failed.metadata().causationId()).isEqualTo(startedEventId);
        given().get("/api/apps/{app}/deployments", app).then()
                .body("[0].status", equalTo("FAILED"))
                .body("[0].reason", equalTo("deploy-service restarted during the deploy"));
    }

    @Test
    void staleDeployWhoseReleaseIsAlreadyLiveSucceeds() {
        String app = "deploy-crash-after";
        byte[] site = Builds.site("switched before the crash", Builds.commit());
        Digest digest = Digest.parse(Builds.store(site));
        String commit = Builds.commit();
        String startedEventId = deployingSince(app, commit, OffsetDateTime.now().minusMinutes(5), digest);
        // the crashed process had got as far as the switch
        local.switchTo(local.prepare(new Release(app, "production", 1, commit, "main", 1, List.of(
                new ReleaseComponent("web", ComponentKind.STATIC, digest, site.length, new HealthCheckSpec("/", 200),
                        null, null, null)), RuntimeConfig.EMPTY), DeployLog.NONE));

        worker.recoverStale();

        Envelope<DeploySucceeded> succeeded = probe.await(EventType.DEPLOY_SUCCEEDED, e -> e.data().app().equals(app));
        String url = local.environmentUrl(app, "production", null).toString();
        assertThat(succeeded.data().url()).isEqualTo(url);
        assertThat(succeeded.data().checks()).containsExactly(new ComponentCheck("web", url, 200));
        assertThat(succeeded.metadata().causationId()).isEqualTo(startedEventId);
        given().get("/api/apps/{app}/environments", app).then()
                .body("[0].live.version", equalTo(1))
                .body("[0].live.status", equalTo("SUCCEEDED"));
        given().get(url).then().statusCode(200);
    }

    @Test
    void deployWithAFreshHeartbeatIsLeftRunning() {
        String app = "deploy-crash-fresh";
        deployingSince(app, Builds.commit(), OffsetDateTime.now(), Digest.of(new byte[]{2}));

        worker.recoverStale();

        assertThat(QuarkusTransaction.requiringNew().call(() ->
                deployments.find(app, "production", 1).orElseThrow().status)).isEqualTo(DeploymentStatus.DEPLOYING);
    }

    /** Records version 1 of {@code app} as DEPLOYING with its last heartbeat at {@code heartbeat}; returns its DeployStarted id. */
    private String deployingSince(String app, String commit, OffsetDateTime heartbeat, Digest artifact) {
        String startedEventId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            Environment environment = environments.lockOrCreate(app, "production", heartbeat);
            Deployment d = new Deployment();
            d.environment = environment;
            d.version = environment.takeNextVersion();
            d.commitSha = commit;
            d.trigger = "push to main (build #1)";
            d.buildNumber = 1;
            d.target = LocalTarget.NAME;
            d.status = DeploymentStatus.DEPLOYING;
            d.requestedAt = heartbeat.minusSeconds(2);
            d.startedAt = heartbeat.minusSeconds(1);
            d.heartbeatAt = heartbeat;
            d.causeEventId = UUID.randomUUID().toString();
            d.correlationId = UUID.randomUUID().toString();
            d.requestedEventId = UUID.randomUUID().toString();
            d.startedEventId = startedEventId;
            d.setComponents(List.of(new ReleaseComponent("web", ComponentKind.STATIC, artifact, 1,
                    new HealthCheckSpec("/", 200), null, null, null)));
            deployments.persist(d);
        });
        return startedEventId;
    }
}
