package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DeploymentRepository implements PanacheRepository<Deployment> {
    // PostgreSQL's SKIP LOCKED: rows another worker holds are left to it
    private static final String LOCK_TIMEOUT = "jakarta.persistence.lock.timeout";
    private static final int SKIP_LOCKED = -2;

    /** The deployments waiting in the environment's lane, locked; the caller holds the environment's lock. */
    public List<Deployment> lockQueued(Environment environment) {
        return find("environment = ?1 and status = ?2 order by version", environment, DeploymentStatus.REQUESTED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The deployment, locked, if it is still DEPLOYING (a stale-deploy recovery may have resolved it). */
    public Optional<Deployment> lockIfDeploying(long id) {
        return find("id = ?1 and status = ?2", id, DeploymentStatus.DEPLOYING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<Deployment> lockStale(OffsetDateTime heartbeatBefore) {
        return find("status = ?1 and heartbeatAt < ?2 order by id", DeploymentStatus.DEPLOYING, heartbeatBefore)
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint(LOCK_TIMEOUT, SKIP_LOCKED).list();
    }

    public void heartbeat(long id, OffsetDateTime now) {
        update("heartbeatAt = ?1 where id = ?2 and status = ?3", now, id, DeploymentStatus.DEPLOYING);
    }

    public Optional<Deployment> find(String app, String environment, long version) {
        return find("environment.app = ?1 and environment.name = ?2 and version = ?3", app, environment, version)
                .firstResultOptional();
    }

    public Optional<Deployment> newest(Environment environment) {
        return find("environment = ?1 order by version desc", environment).firstResultOptional();
    }

    /** The deployment running in the environment's lane, if any (at most one: a unique index sees to it). */
    public Optional<Deployment> running(Environment environment) {
        return find("environment = ?1 and status = ?2", environment, DeploymentStatus.DEPLOYING).firstResultOptional();
    }

    /** The deployments waiting in the environment's lane, newest first. */
    public List<Deployment> queued(Environment environment) {
        return list("environment = ?1 and status = ?2 order by version desc", environment, DeploymentStatus.REQUESTED);
    }

    /** Every deployment of the environment that once went live. */
    public List<Deployment> succeeded(Environment environment) {
        return list("environment = ?1 and status = ?2 order by version", environment, DeploymentStatus.SUCCEEDED);
    }

    /** Newest first; {@code environment} null for every environment of the app. */
    public List<Deployment> history(String app, String environment, int limit) {
        String query = "environment.app = :app" + (environment == null ? "" : " and environment.name = :environment")
                + " order by requestedAt desc, id desc";
        Parameters parameters = Parameters.with("app", app);
        if (environment != null) {
            parameters = parameters.and("environment", environment);
        }
        return find(query, parameters).page(Page.ofSize(limit)).list();
    }

    /** The deployments waiting for a rule in the environment, locked; the caller holds the environment's lock. */
    public List<Deployment> lockWaiting(Environment environment) {
        return find("environment = ?1 and status = ?2 order by version", environment, DeploymentStatus.WAITING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** Every deployment of the app waiting for a rule on this commit. */
    public List<Deployment> waitingFor(String app, String commitSha) {
        return list("environment.app = ?1 and commitSha = ?2 and status = ?3 order by id", app, commitSha,
                DeploymentStatus.WAITING);
    }

    /** Newest first. */
    public List<Deployment> waiting(Environment environment) {
        return list("environment = ?1 and status = ?2 order by version desc", environment, DeploymentStatus.WAITING);
    }

    /** Whether the commit went live in the app's environment and passed its health checks there. */
    public boolean passed(String app, String environment, String commitSha) {
        return count("environment.app = ?1 and environment.name = ?2 and commitSha = ?3 and status = ?4"
                + " and health = ?5", app, environment, commitSha, DeploymentStatus.SUCCEEDED, HealthResult.PASSED) > 0;
    }

    /** Adds a line to the deployment's log in its own statement, so a follower sees it at once. */
    public void appendLog(long id, String line) {
        getEntityManager().createNativeQuery("update {h-schema}deployment set log = log || :line where id = :id")
                .setParameter("line", line + "\n").setParameter("id", id).executeUpdate();
    }

    public String log(long id) {
        return (String) getEntityManager().createNativeQuery("select log from {h-schema}deployment where id = :id")
                .setParameter("id", id).getSingleResult();
    }
}
