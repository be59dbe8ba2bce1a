package dev.slipway.deploy.messaging;

import dev.slipway.deploy.config.DeployConfig;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployTarget;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.PreparedRelease;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.Envelope;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs deployments from the database, one at a time per environment: claims the oldest REQUESTED one
 * (DEPLOYING + DeployStarted), prepares its release outside any transaction while heartbeating, then switches
 * and records the outcome with its event. Deploys cut short by a restart are resolved by what is live.
 */
@ApplicationScoped
public class DeployWorker {
    static final String RESTARTED = "deploy-service restarted during the deploy";
    private static final Logger LOG = Logger.getLogger(DeployWorker.class);

    private final DeployConfig config;
    private final MessagingConfig messaging;
    private final DeployTarget target;
    private final DeploymentRepository deployments;
    private final Outbox outbox;
    private final Clock clock;
    private BackgroundLoop loop;
    private ScheduledExecutorService heartbeats;
    private Instant nextRecovery = Instant.MIN;

    public DeployWorker(DeployConfig config, MessagingConfig messaging, DeployTarget target,
                        DeploymentRepository deployments, Outbox outbox, Clock clock) {
        this.config = config;
        this.messaging = messaging;
        this.target = target;
        this.deployments = deployments;
        this.outbox = outbox;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        heartbeats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "deploy-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        loop = BackgroundLoop.start("deploy-worker", config.workerIdle(), this::step);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    /** Looks for work now rather than after the idle wait. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    boolean step() {
        // the first step runs at startup, so deploys a crash left behind are resolved then
        if (!clock.instant().isBefore(nextRecovery)) {
            recoverStale();
            nextRecovery = clock.instant().plus(config.recoveryInterval());
        }
        Optional<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        claimed.ifPresent(this::deploy);
        return claimed.isPresent();
    }

    /**
     * Resolves every DEPLOYING deployment whose heartbeat is older than {@code stale-after}: SUCCEEDED if its
     * release is live (the crash came after the switch), FAILED otherwise.
     *
     * @return how many were resolved
     */
    public int recoverStale() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Deployment> stale = deployments.lockStale(now().minus(config.staleAfter()));
            for (Deployment d : stale) {
                if (target.isLive(d.app(), d.environmentName(), d.version)) {
                    LOG.infof("%s/%s version %d was switched before a restart; recorded as succeeded",
                            d.app(), d.environmentName(), d.version);
                    succeed(d);
                } else {
                    LOG.warnf("%s/%s version %d was cut short by a restart; recorded as failed",
                            d.app(), d.environmentName(), d.version);
                    fail(d, RESTARTED);
                }
            }
            return stale.size();
        });
    }

    private record Claimed(long id, Release release) {
    }

    private Optional<Claimed> claim() {
        return deployments.lockNextRequested().map(d -> {
            OffsetDateTime now = now();
            Envelope<DeployStarted> started = Envelope.answering(d.requestedEvent(source()), messaging.service(),
                    new DeployStarted(d.app(), d.environmentName(), d.version, d.target), clock);
            d.status = DeploymentStatus.DEPLOYING;
            d.startedAt = now;
            d.heartbeatAt = now;
            d.startedEventId = started.metadata().id();
            outbox.publish(started);
            return new Claimed(d.id, d.release());
        });
    }

    private void deploy(Claimed claimed) {
        long every = config.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(claimed.id()), every, every,
                TimeUnit.MILLISECONDS);
        try {
            PreparedRelease prepared;
            try {
                prepared = target.prepare(claimed.release());
            } catch (DeployException e) {
                fail(claimed.id(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "preparing deployment %d failed unexpectedly", claimed.id());
                fail(claimed.id(), "unexpected error while preparing the release: " + e);
                return;
            }
            switchAndSucceed(claimed.id(), prepared);
        } finally {
            heartbeat.cancel(false);
        }
    }

    /**
     * Switches while holding the deployment's row lock, so a stale-deploy recovery cannot resolve it at the
     * same time, and records SUCCEEDED in the same transaction.
     */
    private void switchAndSucceed(long id, PreparedRelease prepared) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Optional<Deployment> deploying = deployments.lockIfDeploying(id);
                if (deploying.isEmpty()) {
                    LOG.warnf("deployment %d was resolved while it was being prepared; not switching", id);
                    return;
                }
                target.switchTo(prepared);
                succeed(deploying.get());
            });
        } catch (DeployException e) {
            // the switch itself failed: nothing changed on the target
            fail(id, e.getMessage());
        }
        // Any other failure may have come after the switch; the deployment stays DEPLOYING with no
        // heartbeat and recoverStale settles it by what the environment serves.
    }

    private void fail(long id, String reason) {
        QuarkusTransaction.requiringNew().run(() -> deployments.lockIfDeploying(id).ifPresent(d -> fail(d, reason)));
    }

    private void succeed(Deployment d) {
        d.status = DeploymentStatus.SUCCEEDED;
        d.finishedAt = now();
        URI url = target.environmentUrl(d.app(), d.environmentName());
        outbox.publish(Envelope.answering(d.startedEvent(source()), messaging.service(),
                new DeploySucceeded(d.app(), d.environmentName(), d.version, url.toString(),
                        Duration.between(d.startedAt, d.finishedAt), d.release().checks(url)), clock));
    }

    private void fail(Deployment d, String reason) {
        d.status = DeploymentStatus.FAILED;
        d.reason = reason;
        d.finishedAt = now();
        outbox.publish(Envelope.answering(d.startedEvent(source()), messaging.service(),
                new DeployFailed(d.app(), d.environmentName(), d.version, reason), clock));
    }

    private void beat(long id) {
        try {
            QuarkusTransaction.requiringNew().run(() -> deployments.heartbeat(id, now()));
        } catch (RuntimeException e) {
            // keep beating: a scheduled task that throws is never run again
            LOG.warnf("heartbeat of deployment %d failed: %s", id, e.getMessage());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private URI source() {
        return Envelope.sourceOf(messaging.service());
    }
}
