package dev.slipway.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * The CloudEvents attributes and Slipway extensions every event carries.
 *
 * @param id            unique event id; consumers deduplicate on it
 * @param source        the service that emitted the event, e.g. {@code /slipway/build-service}
 * @param time          when the fact happened
 * @param subject       {@code app/environment}
 * @param correlationId follows one run from push to final health
 * @param causationId   the id of the event this one answers; null for the first event of a run
 * @param commitSha     the commit the run is about
 */
public record EventMetadata(String id, URI source, OffsetDateTime time, String subject,
                            String correlationId, String causationId, String commitSha) {

    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(commitSha, "commitSha");
    }

    /** The same metadata about another commit: for answers that move to a commit, such as a promotion. */
    public EventMetadata withCommit(String otherCommitSha) {
        return new EventMetadata(id, source, time, subject, correlationId, causationId, otherCommitSha);
    }
}
