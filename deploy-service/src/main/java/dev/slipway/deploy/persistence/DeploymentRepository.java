package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.DeploymentStatus;
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

    /**
     * Locks the next deployment to run: the oldest REQUESTED one of an environment that has none
     * DEPLOYING, taking each environment's deployments in version order.
     */
    public Optional<Deployment> lockNextRequested() {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select d.id from {h-schema}deployment d
                         where d.status = 'REQUESTED'
                           and not exists (select 1 from {h-schema}deployment x
                                            where x.environment_id = d.environment_id and x.status = 'DEPLOYING')
                           and d.version = (select min(r.version) from {h-schema}deployment r
                                             where r.environment_id = d.environment_id and r.status = 'REQUESTED')
                         order by d.requested_at, d.id
                         limit 1
                         for update of d skip locked""")
                .getResultList();
        return ids.stream().findFirst().map(id -> findById(((Number) id).longValue()));
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

    public Optional<Deployment> newestSucceeded(Environment environment) {
        return find("environment = ?1 and status = ?2 order by version desc", environment, DeploymentStatus.SUCCEEDED)
                .firstResultOptional();
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
}
