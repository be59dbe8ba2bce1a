package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.Envelope;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An ops request (a rollback, a promotion) made through deploy-service's authenticated API, and its answers:
 * deploy-service publishes the request and answers {@code 202 {"eventId", "correlationId"}}; every event about it
 * carries that correlation id, so they are followed on Kafka by it (reading the pipeline's events needs no token).
 */
final class OpsRequest implements AutoCloseable {
    /** deploy-service said no at once; {@code reason} is its own words. */
    static final class Refused extends CliException {
        private final int status;
        private final String reason;

        Refused(String what, int status, String reason, String field) {
            super("could not request the " + what + ": " + reason + (field == null ? "" : " (field " + field + ")"),
                    status == 400 ? 2 : status == 404 ? 3 : 1);
            this.status = status;
            this.reason = reason;
        }

        int status() {
            return status;
        }

        String reason() {
            return reason;
        }
    }

    private final String eventId;
    private final String correlationId;
    private final EventFeed events;
    private final Instant sent;

    private OpsRequest(String eventId, String correlationId, EventFeed events, Instant sent) {
        this.eventId = eventId;
        this.correlationId = correlationId;
        this.events = events;
        this.sent = sent;
    }

    /**
     * Opens the event feed, then POSTs {@code body} to {@code url}: no answer can come before it is looked for.
     *
     * @param what the request in words, for errors: {@code rollback of shop/production}
     * @throws Refused     the service's refusal: exit 2 for a request it calls invalid (400), 3 for something
     *                      that is not there (404), 1 otherwise (409: it cannot be done now, and why)
     * @throws CliException exit 4 for a missing or insufficient token (401, 403)
     */
    static OpsRequest send(Http http, String url, Object body, String what, Supplier<EventFeed> feed) {
        EventFeed events = feed.get();
        try {
            Http.Answer answer = http.postJson(url, body);
            if (answer.status() / 100 != 2) {
                throw new Refused(what, answer.status(), answer.message(), answer.status() == 400 ? answer.field() : null);
            }
            JsonNode accepted = answer.json();
            if (!accepted.hasNonNull("eventId")) {
                throw new CliException("deploy-service accepted the " + what + " but did not say its event id: "
                        + answer.body());
            }
            String eventId = accepted.get("eventId").asText();
            String correlationId = accepted.path("correlationId").asText(eventId);
            return new OpsRequest(eventId, correlationId, events, Instant.now());
        } catch (RuntimeException e) {
            events.close();
            throw e;
        }
    }

    /** The id of the event deploy-service published for the request. */
    String id() {
        return eventId;
    }

    /** The next event answering the request, waiting until {@code wait} after it was sent; empty when none came. */
    Optional<Envelope<?>> nextAnswer(Duration wait) {
        Duration left = wait.minus(Duration.between(sent, Instant.now()));
        return events.next(e -> correlationId.equals(e.metadata().correlationId()) && !eventId.equals(e.metadata().id()),
                left.isNegative() ? Duration.ZERO : left);
    }

    /** Seconds since it was sent, for progress lines. */
    double elapsedSeconds() {
        return Duration.between(sent, Instant.now()).toMillis() / 1000.0;
    }

    @Override
    public void close() {
        events.close();
    }
}
