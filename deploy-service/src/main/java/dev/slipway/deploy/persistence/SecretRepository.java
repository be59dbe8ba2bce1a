package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SecretRepository implements PanacheRepositoryBase<EnvironmentSecret, EnvironmentSecret.Key> {

    public List<EnvironmentSecret> of(Environment environment) {
        return list("key.environmentId = ?1 order by key.name", environment.id);
    }

    public Optional<EnvironmentSecret> find(Environment environment, String name) {
        return findByIdOptional(new EnvironmentSecret.Key(environment.id, name));
    }
}
