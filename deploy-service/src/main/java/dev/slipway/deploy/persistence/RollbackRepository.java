package dev.slipway.deploy.persistence;

import dev.slipway.deploy.domain.RollbackStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RollbackRepository implements PanacheRepository<Rollback> {

    /** The environment's oldest waiting rollback, locked; the caller holds the environment's lock. */
    public Optional<Rollback> lockNext(Environment environment) {
        return find("environment = ?1 and status = ?2 order by requestedAt, id", environment, RollbackStatus.REQUESTED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Rollback> lockIfRequested(long id) {
        return find("id = ?1 and status = ?2", id, RollbackStatus.REQUESTED)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Newest first; {@code environment} null for every environment of the app. */
    public List<Rollback> history(String app, String environment, int limit) {
        String query = "environment.app = :app" + (environment == null ? "" : " and environment.name = :environment")
                + " order by requestedAt desc, id desc";
        Parameters parameters = Parameters.with("app", app);
        if (environment != null) {
            parameters = parameters.and("environment", environment);
        }
        return find(query, parameters).page(Page.ofSize(limit)).list();
    }
}
