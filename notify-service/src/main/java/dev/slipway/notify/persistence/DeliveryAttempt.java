package dev.slipway.notify.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/** One attempt at a delivery (a POST, or handing an email to the SMTP server) and what came back. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "delivery_id", nullable = false)
    public long deliveryId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "attempted_at", nullable = false)
    public OffsetDateTime attemptedAt;

    /** Null for email, and when no answer came. */
    @Column(name = "http_status")
    public Integer httpStatus;

    /** The start of the answer's body; for email the SMTP server's reply. */
    @Column(name = "response_excerpt")
    public String responseExcerpt;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    public String error;

    public static List<DeliveryAttempt> ofDeliveries(Collection<Long> deliveryIds) {
        return deliveryIds.isEmpty() ? List.of()
                : DeliveryAttempt.<DeliveryAttempt>find("deliveryId in ?1 order by deliveryId, attempt", deliveryIds).list();
    }
}
