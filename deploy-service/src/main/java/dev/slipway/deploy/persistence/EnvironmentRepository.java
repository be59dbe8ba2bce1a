package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class EnvironmentRepository implements PanacheRepository<Environment> {

    /**
     * The environment, created if missing, locked until the transaction ends so that concurrent deployments
     * of it take versions one after the other.
     */
    public Environment lockOrCreate(String app, String name, OffsetDateTime now) {
        getEntityManager().createNativeQuery("insert into {h-schema}environment (app, name, last_version, created_at)"
                        + " values (:app, :name, 0, :now) on conflict (app, name) do nothing")
                .setParameter("app", app).setParameter("name", name).setParameter("now", now)
                .executeUpdate();
        return find("app = ?1 and name = ?2", app, name).withLock(LockModeType.PESSIMISTIC_WRITE).singleResult();
    }

    /**
     * Locks the environment whose lane is free (nothing DEPLOYING, not pinned, no rollback waiting to go first)
     * and has waited longest for it, if any. Its lock also holds off new versions (BuildSucceededHandler takes
     * it to number them) while its queue is settled, and other workers skip it.
     */
    public Optional<Environment> lockNextFreeLane() {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select e.id from {h-schema}environment e
                         where e.pinned_at is null
                           and e.teardown_requested_at is null
                           and exists (select 1 from {h-schema}deployment r
                                        where r.environment_id = e.id and r.status = 'REQUESTED')
                           and not exists (select 1 from {h-schema}deployment x
                                            where x.environment_id = e.id and x.status = 'DEPLOYING')
                           and not exists (select 1 from {h-schema}rollback b
                                            where b.environment_id = e.id and b.status = 'REQUESTED')
                         order by (select min(r.requested_at) from {h-schema}deployment r
                                    where r.environment_id = e.id and r.status = 'REQUESTED'), e.id
                         limit 1
                         for update of e skip locked""")
                .getResultList();
        return ids.stream().findFirst().map(id -> findById(((Number) id).longValue()));
    }

    /**
     * Locks an environment with a rollback waiting and nothing DEPLOYING, the one asked longest ago first. A
     * deploy in flight finishes first; queued deploys wait, as the worker looks for rollbacks before them.
     */
    public Optional<Environment> lockNextRollbackLane() {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select e.id from {h-schema}environment e
                         where exists (select 1 from {h-schema}rollback r
                                        where r.environment_id = e.id and r.status = 'REQUESTED')
                           and not exists (select 1 from {h-schema}deployment x
                                            where x.environment_id = e.id and x.status = 'DEPLOYING')
                         order by (select min(r.requested_at) from {h-schema}rollback r
                                    where r.environment_id = e.id and r.status = 'REQUESTED'), e.id
                         limit 1
                         for update of e skip locked""")
                .getResultList();
        return ids.stream().findFirst().map(id -> findById(((Number) id).longValue()));
    }

    /**
     * Locks an environment whose teardown was asked for (by {@code now}: a failed one is tried again later) and is
     * not done, with nothing DEPLOYING: a deploy in flight finishes (or fails) first, so nothing is started in a
     * slot that is being removed.
     */
    public Optional<Environment> lockNextTeardownLane(OffsetDateTime now) {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select e.id from {h-schema}environment e
                         where e.teardown_requested_at <= :now and e.torn_down_at is null
                           and not exists (select 1 from {h-schema}deployment x
                                            where x.environment_id = e.id and x.status = 'DEPLOYING')
                         order by e.teardown_requested_at, e.id
                         limit 1
                         for update of e skip locked""")
                .setParameter("now", now)
                .getResultList();
        return ids.stream().findFirst().map(id -> findById(((Number) id).longValue()));
    }

    /**
     * Records which deployment the environment serves. An update of that one column, not of the entity, so it
     * cannot overwrite a version number taken meanwhile under the environment's lock.
     */
    public void setLive(long environmentId, long deploymentId) {
        update("liveDeploymentId = ?1 where id = ?2", deploymentId, environmentId);
    }

    public Optional<Environment> lock(String app, String name) {
        return find("app = ?1 and name = ?2", app, name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Environment> find(String app, String name) {
        return find("app = ?1 and name = ?2", app, name).firstResultOptional();
    }

    public List<Environment> ofApp(String app) {
        return list("app", Sort.by("name"), app);
    }

    /** Environments that serve a release (and are not torn down): what should be running. */
    public List<Long> withLiveRelease() {
        return getEntityManager().createQuery("select e.id from Environment e where e.liveDeploymentId is not null"
                + " and e.teardownRequestedAt is null order by e.id", Long.class).getResultList();
    }

    /** The environment, locked, when nothing deploys or rolls back in it and no other worker holds it. */
    public Optional<Environment> lockIfIdle(long id) {
        List<?> ids = getEntityManager().createNativeQuery("""
                        select e.id from {h-schema}environment e
                         where e.id = :id
                           and not exists (select 1 from {h-schema}deployment x
                                            where x.environment_id = e.id and x.status = 'DEPLOYING')
                           and not exists (select 1 from {h-schema}rollback b
                                            where b.environment_id = e.id and b.status = 'REQUESTED')
                         for update of e skip locked""")
                .setParameter("id", id).getResultList();
        return ids.stream().findFirst().map(found -> findById(((Number) found).longValue()));
    }
}
