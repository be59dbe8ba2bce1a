package dev.slipway.deploy.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** One secret of an environment, sealed; deployments take a snapshot of them when they start. */
@Entity
@Table(name = "environment_secret")
public class EnvironmentSecret extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public byte[] sealed;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "environment_id")
        public long environmentId;

        public String name;

        public Key() {
        }

        public Key(long environmentId, String name) {
            this.environmentId = environmentId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.environmentId == environmentId && Objects.equals(k.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(environmentId, name);
        }
    }
}
