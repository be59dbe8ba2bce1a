package dev.slipway.ingest.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A repository whose webhooks Slipway accepts. */
@Entity
@Table(name = "repository")
public class RegisteredRepository extends PanacheEntityBase {

    /** GitHub's {@code owner/repo}, in the casing it was first registered with. */
    @Id
    @Column(name = "full_name")
    public String fullName;

    /** Where Slipway fetches from; may differ from GitHub's own URL (a mirror, or file:// in tests). */
    @Column(name = "clone_url", nullable = false)
    public String cloneUrl;

    /** The webhook secret, sealed by {@link dev.slipway.platform.security.SecretCipher} with the full name as context. */
    @Column(name = "secret_sealed", nullable = false)
    public byte[] secretSealed;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    public static Optional<RegisteredRepository> findByFullName(String fullName) {
        return find("lower(fullName) = ?1", fullName.toLowerCase(Locale.ROOT)).firstResultOptional();
    }

    public static List<RegisteredRepository> listByName() {
        return list("order by lower(fullName)");
    }
}
