package dev.slipway.build.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;

/** A component a succeeded build produced: what BuildSucceeded announced, kept for queries. */
@Entity
@Table(name = "build_component")
public class BuildComponent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "build_number", nullable = false)
    public long buildNumber;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public int position;

    /** The {@code slipway.yml} name: static or service. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "artifact_digest", nullable = false)
    public String artifactDigest;

    @Column(name = "artifact_size", nullable = false)
    public long artifactSize;

    public Double coverage;

    @Column(name = "health_path")
    public String healthPath;

    @Column(name = "health_status")
    public Integer healthStatus;

    /** The pushed container image, {@code registry/name@sha256:<hex>}; null when none. */
    public String image;

    public static List<BuildComponent> ofBuild(long buildNumber) {
        return list("buildNumber = ?1 order by position", buildNumber);
    }
}
