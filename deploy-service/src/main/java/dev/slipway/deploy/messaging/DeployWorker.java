package dev.slipway.deploy.messaging;

import dev.slipway.deploy.config.DeployConfig;
import dev.slipway.deploy.domain.DeployException;
import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.DeployTarget;
import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.LaneClaim;
import dev.slipway.deploy.domain.PreparedRelease;
import dev.slipway.deploy.domain.Release;
import dev.slipway.deploy.domain.RollbackDecision;
import dev.slipway.deploy.domain.RollbackStatus;
import dev.slipway.deploy.domain.RuntimeConfig;
import dev.slipway.deploy.domain.SecretVault;
import dev.slipway.deploy.domain.Variables;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.deploy.persistence.Rollback;
import dev.slipway.deploy.persistence.RollbackRepository;
import dev.slipway.deploy.persistence.SecretRepository;
import dev.slipway.events.DeployFailed;
import dev.slipway.events.DeployStarted;
import dev.slipway.events.DeploySucceeded;
import dev.slipway.events.DeploySuperseded;
import dev.slipway.events.Envelope;
import dev.slipway.events.EnvironmentTornDown;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.RollbackCompleted;
import dev.slipway.events.RollbackFailed;
import dev.slipway.events.RollbackStarted;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.BackgroundLoop;
import dev.slipway.platform.messaging.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs deployments from the database, one at a time per environment and up to {@code parallel-deploys}
 * environments at once. Claiming an environment whose lane is free starts its newest REQUESTED deployment
 * (DEPLOYING + DeployStarted) and supersedes the older ones (SUPERSEDED + DeploySuperseded): latest wins.
 * The release is prepared outside any transaction while heartbeating, then switched and the outcome recorded
 * with its event. Deploys cut short by a restart are resolved by what is live.
 * <p>
 * Rollbacks run in the same lanes: an environment with a rollback waiting and nothing deploying is switched
 * back before any queued deploy is claimed, and is then pinned: its lane is not claimed until resumed. Teardowns
 * of deleted branches' previews run in the lanes too, before anything else there.
 */
@ApplicationScoped
public class DeployWorker {
    static final String RESTARTED = "deploy-service restarted during the deploy";
    // what GitHub sends as the commit of a deleted ref
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";
    private static final Logger LOG = Logger.getLogger(DeployWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    private static final Duration TEARDOWN_RETRY = Duration.ofMinutes(1);

    private final DeployConfig config;
    private final MessagingConfig messaging;
    private final TargetRouter targets;
    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final RollbackRepository rollbacks;
    private final SecretRepository secrets;
    private final SecretVault vault;
    private final Outbox outbox;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;
    private BackgroundLoop loop;
    private ExecutorService deployers;
    private Semaphore freeDeployers;
    private ScheduledExecutorService heartbeats;
    private Instant nextRecovery = Instant.MIN;

    public DeployWorker(DeployConfig config, MessagingConfig messaging, TargetRouter targets,
                        EnvironmentRepository environments, DeploymentRepository deployments,
                        RollbackRepository rollbacks, SecretRepository secrets, SecretVault vault, Outbox outbox,
                        TransactionSynchronizationRegistry transactions, Clock clock) {
        this.config = config;
        this.messaging = messaging;
        this.targets = targets;
        this.environments = environments;
        this.deployments = deployments;
        this.rollbacks = rollbacks;
        this.secrets = secrets;
        this.vault = vault;
        this.outbox = outbox;
        this.transactions = transactions;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        int parallel = config.parallelDeploys();
        if (parallel < 1) {
            throw new IllegalArgumentException("slipway.deploy.parallel-deploys must be at least 1, got " + parallel);
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemons("deploy-heartbeat"));
        deployers = Executors.newFixedThreadPool(parallel, daemons("deploy"));
        freeDeployers = new Semaphore(parallel);
        loop = BackgroundLoop.start("deploy-worker", config.workerIdle(), this::step);
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
        if (deployers != null) {
            // deploys in flight may finish; one that does not is settled by recoverStale after the restart
            deployers.shutdown();
            try {
                deployers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Looks for work now rather than after the idle wait. */
    public void wake() {
        if (loop != null) {
            loop.wake();
        }
    }

    /**
     * Wakes the worker once the current transaction commits: it would find the new work on its next idle tick
     * anyway, this starts it at once.
     */
    public void wakeAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    wake();
                }
            }
        });
    }

    boolean step() {
        // the first step runs at startup, so deploys a crash left behind are resolved then
        if (!clock.instant().isBefore(nextRecovery)) {
            recoverStale();
            reconcile();
            nextRecovery = clock.instant().plus(config.recoveryInterval());
        }
        if (QuarkusTransaction.requiringNew().call(this::tearDownNext)) {
            return true;
        }
        // a switch back to a warm slot is one quick step, so it runs here rather than taking a deployer
        if (rollBackNext()) {
            return true;
        }
        if (!freeDeployers.tryAcquire()) {
            // every deployer is busy; the next one to finish wakes the loop
            return false;
        }
        Optional<Claimed> claimed;
        try {
            claimed = QuarkusTransaction.requiringNew().call(this::claim);
        } catch (RuntimeException | Error e) {
            freeDeployers.release();
            throw e;
        }
        if (claimed.isEmpty()) {
            freeDeployers.release();
            return false;
        }
        Claimed work = claimed.get();
        deployers.execute(() -> {
            try {
                deploy(work);
            } catch (RuntimeException e) {
                LOG.errorf(e, "deployment %d stopped unexpectedly; it is settled once its heartbeat is stale",
                        work.id());
            } finally {
                freeDeployers.release();
                wake();
            }
        });
        return true;
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
            int resolved = 0;
            for (Deployment d : stale) {
                OptionalLong live;
                try {
                    // a remote target is asked with the deployment's own tokens; the local one needs none
                    Release release = d.release(d.targetSettings() == null ? RuntimeConfig.EMPTY : configOf(d));
                    live = targets.of(release.target()).liveVersion(release);
                } catch (RuntimeException e) {
                    // the target cannot say now (a platform down): it stays unsettled and is asked again next time
                    LOG.warnf("%s/%s version %d: cannot tell whether it went live yet: %s", d.app(),
                            d.environmentName(), d.version, e.getMessage());
                    continue;
                }
                if (live.equals(OptionalLong.of(d.version))) {
                    LOG.infof("%s/%s version %d was switched before a restart; recorded as succeeded",
                            d.app(), d.environmentName(), d.version);
                    succeed(d);
                } else {
                    LOG.warnf("%s/%s version %d was cut short by a restart; recorded as failed",
                            d.app(), d.environmentName(), d.version);
                    fail(d, RESTARTED);
                }
                resolved++;
            }
            return resolved;
        });
    }

    /**
     * Brings back what an environment should serve when its processes are gone (the edge restarted, or a service
     * died): its live release is started again, with its own configuration snapshot, and switched to.
     *
     * @return how many environments were restored
     */
    public int reconcile() {
        int restored = 0;
        for (long id : QuarkusTransaction.requiringNew().call(environments::withLiveRelease)) {
            try {
                if (QuarkusTransaction.requiringNew().call(() -> environments.lockIfIdle(id)
                        .map(this::restoreIfNotServing).orElse(false))) {
                    restored++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("cannot restore the live release of environment %d: %s", id, e.getMessage());
            }
        }
        return restored;
    }

    private boolean restoreIfNotServing(Environment environment) {
        Deployment live = deployments.findById(environment.liveDeploymentId);
        Release release = live.release(configOf(live));
        DeployTarget target = targets.of(release.target());
        if (target.isServing(release)) {
            return false;
        }
        LOG.warnf("%s/%s should serve version %d but its processes are not running; starting it again",
                environment.app, environment.name, live.version);
        target.switchTo(target.restore(release, line -> LOG.infof("%s/%s restore: %s", environment.app,
                environment.name, line)));
        return true;
    }

    private record Claimed(long id, Release release) {
    }

    private Optional<Claimed> claim() {
        return environments.lockNextFreeLane()
                .flatMap(environment -> LaneClaim.of(deployments.lockQueued(environment), d -> d.version))
                .flatMap(lane -> {
                    lane.superseded().forEach(d -> supersede(d, lane));
                    return start(lane.next());
                });
    }

    private void supersede(Deployment d, LaneClaim<Deployment> lane) {
        LOG.infof("%s/%s version %d is %s", d.app(), d.environmentName(), d.version, lane.supersededReason());
        d.status = DeploymentStatus.SUPERSEDED;
        d.reason = lane.supersededReason();
        d.finishedAt = now();
        outbox.publish(Envelope.answering(d.requestedEvent(source()), messaging.service(),
                new DeploySuperseded(d.app(), d.environmentName(), d.version, lane.nextVersion()), clock));
    }

    /** Empty when the deployment could not start and was failed on the spot. */
    private Optional<Claimed> start(Deployment d) {
        OffsetDateTime now = now();
        Envelope<DeployStarted> started = Envelope.answering(d.requestedEvent(source()), messaging.service(),
                new DeployStarted(d.app(), d.environmentName(), d.version, d.target), clock);
        d.status = DeploymentStatus.DEPLOYING;
        d.startedAt = now;
        d.heartbeatAt = now;
        d.startedEventId = started.metadata().id();
        outbox.publish(started);
        if (d.withholdSecrets && d.targetSettings() != null) {
            // a remote target needs the platforms' tokens, and the target a fork names is the fork's to choose
            fail(d, "a pull request from a fork is not deployed to " + d.target + ": that would take the platforms'"
                    + " tokens; it is built and tested only");
            return Optional.empty();
        }
        Map<String, String> current = new TreeMap<>();
        try {
            // a fork's pull request runs with none of the environment's secrets
            secrets.of(d.environment).stream().filter(secret -> !d.withholdSecrets)
                    .forEach(secret -> current.put(secret.key.name,
                            vault.open(d.app(), d.environmentName(), secret.key.name, secret.sealed)));
        } catch (IllegalStateException e) {
            // this environment's deployment fails, saying why; the lanes of the others keep running
            fail(d, "its secrets cannot be opened: " + e.getMessage());
            return Optional.empty();
        }
        // the snapshot the release runs with, now and whenever it is rolled back to
        d.configSecrets = vault.sealSnapshot(d.app(), d.environmentName(), d.version, current);
        return Optional.of(new Claimed(d.id, d.release(new RuntimeConfig(Variables.fromJson(d.configVariables),
                current))));
    }

    /** The configuration a deployment ran with, from its snapshot. */
    private RuntimeConfig configOf(Deployment d) {
        return new RuntimeConfig(Variables.fromJson(d.configVariables),
                vault.openSnapshot(d.app(), d.environmentName(), d.version, d.configSecrets));
    }

    private void deploy(Claimed claimed) {
        long every = config.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> beat(claimed.id()), every, every,
                TimeUnit.MILLISECONDS);
        try {
            PreparedRelease prepared;
            try {
                prepared = targets.of(claimed.release().target()).prepare(claimed.release(), logOf(claimed.id()));
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
                    targets.of(prepared.release().target()).discard(prepared);
                    return;
                }
                targets.of(prepared.release().target()).switchTo(prepared);
                deploying.get().slot = prepared.slot();
                deployments.appendLog(id, "switched to slot " + prepared.slot());
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
        environments.setLive(d.environment.id, d.id);
        URI url = targets.of(d.targetSettings()).environmentUrl(d.app(), d.environmentName(), d.targetSettings());
        outbox.publish(Envelope.answering(d.startedEvent(source()), messaging.service(),
                new DeploySucceeded(d.app(), d.environmentName(), d.version, url.toString(),
                        Duration.between(d.startedAt, d.finishedAt), d.release(RuntimeConfig.EMPTY).checks(url)), clock));
    }

    private void fail(Deployment d, String reason) {
        d.status = DeploymentStatus.FAILED;
        d.reason = reason;
        d.finishedAt = now();
        outbox.publish(Envelope.answering(d.startedEvent(source()), messaging.service(),
                new DeployFailed(d.app(), d.environmentName(), d.version, reason), clock));
    }

    /** What a rollback switches to, decided and announced; the release opened with its snapshot. */
    private record RollbackPlan(long rollbackId, long restoredId, RollbackDecision.Switch change,
                                EventMetadata started, Release release) {
    }

    /** @param found false when no rollback was asked for; {@code plan} null when it was settled at once */
    private record NextRollback(boolean found, RollbackPlan plan) {
    }

    /**
     * The next rollback asked for: decided and announced (RollbackStarted) in one transaction; its release restored
     * outside any, since bringing back a release whose slot was reused takes as long as a deploy; and switched to
     * and recorded in a last one. The loop thread does it, so nothing claims the environment meanwhile; a restart
     * in between finds the rollback still REQUESTED and does it again, under the same RollbackStarted.
     */
    private boolean rollBackNext() {
        NextRollback next = QuarkusTransaction.requiringNew().call(this::planRollback);
        if (next.plan() == null) {
            return next.found();
        }
        RollbackPlan plan = next.plan();
        PreparedRelease prepared;
        try {
            prepared = targets.of(plan.release().target()).restore(plan.release(), line -> LOG.infof(
                    "%s/%s rollback: %s", plan.release().app(), plan.release().environment(), line));
        } catch (RuntimeException e) {
            // nothing was switched: the environment serves what it served
            String reason = e instanceof DeployException ? e.getMessage() : "unexpected error while restoring: " + e;
            QuarkusTransaction.requiringNew().run(() -> rollbacks.lockIfRequested(plan.rollbackId())
                    .ifPresent(r -> refuse(r, reason, plan.started())));
            return true;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // the environment first, so the rollback's record of it is read under its lock and saving it cannot
            // overwrite a version number taken meanwhile
            environments.lock(plan.release().app(), plan.release().environment()).orElseThrow();
            rollbacks.lockIfRequested(plan.rollbackId()).ifPresent(r -> switchBack(r, plan, prepared));
        });
        return true;
    }

    private NextRollback planRollback() {
        Optional<Environment> lane = environments.lockNextRollbackLane();
        Optional<Rollback> next = lane.flatMap(rollbacks::lockNext);
        if (next.isEmpty()) {
            return new NextRollback(lane.isPresent(), null);
        }
        Environment environment = lane.get();
        Rollback r = next.get();
        Map<Long, Deployment> wentLive = deployments.succeeded(environment).stream()
                .collect(Collectors.toMap(d -> d.version, Function.identity()));
        OptionalLong live = wentLive.values().stream().filter(d -> d.id.equals(environment.liveDeploymentId))
                .mapToLong(d -> d.version).findFirst();
        RollbackDecision decision = RollbackDecision.of(r.requestedVersion, r.onlyIfLive, live, wentLive.keySet(),
                v -> {
                    Release kept = wentLive.get(v).release(RuntimeConfig.EMPTY);
                    return targets.of(kept.target()).isKept(kept);
                });
        if (decision instanceof RollbackDecision.Refuse refuse) {
            refuse(r, refuse.reason(), r.requestedEvent(source(), r.commitSha));
            return new NextRollback(true, null);
        }
        RollbackDecision.Switch change = (RollbackDecision.Switch) decision;
        Deployment restored = wentLive.get(change.toVersion());
        if (r.startedEventId == null) {
            Envelope<RollbackStarted> started = Envelope.answering(r.requestedEvent(source(), restored.commitSha),
                    messaging.service(), new RollbackStarted(r.app(), r.environmentName(), change.fromVersion(),
                            change.toVersion()), clock);
            outbox.publish(started);
            r.startedEventId = started.metadata().id();
            r.startedAt = started.metadata().time();
        }
        EventMetadata started = r.startedEvent(source(), restored.commitSha);
        RuntimeConfig snapshot;
        try {
            snapshot = configOf(restored);
        } catch (IllegalStateException e) {
            refuse(r, "the configuration of version " + change.toVersion() + " cannot be opened: " + e.getMessage(),
                    started);
            return new NextRollback(true, null);
        }
        return new NextRollback(true, new RollbackPlan(r.id, restored.id, change, started,
                restored.release(snapshot)));
    }

    private void switchBack(Rollback r, RollbackPlan plan, PreparedRelease prepared) {
        RollbackDecision.Switch change = plan.change();
        try {
            targets.of(plan.release().target()).switchTo(prepared);
        } catch (DeployException e) {
            // the switch failed: the environment serves what it served
            refuse(r, e.getMessage(), plan.started());
            return;
        }
        LOG.infof("%s/%s rolled back from version %d to %d", r.app(), r.environmentName(), change.fromVersion(),
                change.toVersion());
        Environment environment = r.environment;
        Deployment restored = deployments.findById(plan.restoredId());
        r.status = RollbackStatus.COMPLETED;
        r.fromVersion = change.fromVersion();
        r.toVersion = change.toVersion();
        r.finishedAt = now();
        environment.liveDeploymentId = restored.id;
        environment.pinnedAt = r.finishedAt;
        environment.pinnedReason = "rolled back from v" + change.fromVersion() + " to v" + change.toVersion() + ": "
                + r.reason + " (by " + r.requestedBy + ")";
        URI url = targets.of(restored.targetSettings()).environmentUrl(r.app(), r.environmentName(),
                restored.targetSettings());
        outbox.publish(Envelope.answering(plan.started(), messaging.service(),
                new RollbackCompleted(r.app(), r.environmentName(), change.fromVersion(), change.toVersion(),
                        url.toString(), Duration.between(r.startedAt, r.finishedAt)), clock));
    }

    private void refuse(Rollback r, String reason, EventMetadata cause) {
        LOG.warnf("rollback of %s/%s refused: %s", r.app(), r.environmentName(), reason);
        r.status = RollbackStatus.FAILED;
        r.failure = reason;
        r.finishedAt = now();
        outbox.publish(Envelope.answering(cause, messaging.service(),
                new RollbackFailed(r.app(), r.environmentName(), r.requestedVersion, reason), clock));
    }

    /** Removes an environment whose teardown was asked for (a deleted branch's preview), in its lane. */
    private boolean tearDownNext() {
        Optional<Environment> lane = environments.lockNextTeardownLane(now());
        lane.ifPresent(environment -> {
            try {
                tearDown(environment);
            } catch (RuntimeException e) {
                // one preview that cannot be removed now (a platform down, a token gone) must not hold up the rest
                environment.teardownRequestedAt = now().plus(TEARDOWN_RETRY);
                LOG.warnf("%s/%s could not be torn down; trying again in %s: %s", environment.app, environment.name,
                        TEARDOWN_RETRY, e.getMessage());
            }
        });
        return lane.isPresent();
    }

    private void tearDown(Environment environment) {
        // the environment's secrets as they are now: the target's token may be needed to remove what it runs
        Map<String, String> current = new TreeMap<>();
        Set<String> tokens = TargetRouter.tokenSecrets(environment.targetSettings());
        secrets.of(environment).stream().filter(secret -> tokens.contains(secret.key.name)).forEach(secret ->
                current.put(secret.key.name, vault.open(environment.app, environment.name, secret.key.name,
                        secret.sealed)));
        targets.of(environment.targetSettings()).tearDown(environment.app, environment.name,
                environment.targetSettings(), new RuntimeConfig(Map.of(), current));
        environment.tornDownAt = now();
        environment.liveDeploymentId = null;
        LOG.infof("%s/%s torn down: %s", environment.app, environment.name, environment.teardownReason);
        String commit = deployments.newest(environment).map(d -> d.commitSha).orElse(NO_COMMIT);
        outbox.publish(Envelope.first(messaging.service(), commit, new EnvironmentTornDown(environment.app,
                environment.name, environment.teardownReason), clock));
    }

    /** A deploy's progress lines, each stored at once in its own transaction so followers see it live. */
    private DeployLog logOf(long id) {
        return line -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> deployments.appendLog(id, line));
            } catch (RuntimeException e) {
                LOG.warnf("cannot store a log line of deployment %d: %s", id, e.getMessage());
            }
        };
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
