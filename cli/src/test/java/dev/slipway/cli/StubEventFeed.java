package dev.slipway.cli;

import dev.slipway.events.Envelope;
import dev.slipway.events.EventMetadata;
import dev.slipway.events.PipelineEvent;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Predicate;

/** The pipeline's events as a fixed list, read the way {@link PipelineWatcher} reads Kafka: in order, each once. */
final class StubEventFeed implements EventFeed {
    private final Queue<Envelope<?>> events;
    private boolean closed;

    StubEventFeed(List<Envelope<?>> events) {
        this.events = new ArrayDeque<>(events);
    }

    static Envelope<?> event(String id, String correlationId, PipelineEvent data) {
        return new Envelope<>(new EventMetadata(id, URI.create("/slipway/deploy-service"), OffsetDateTime.now(),
                Envelope.subjectOf(data), correlationId, correlationId, "9049f1265b7d61be4a8904a9a27120d2064dab3b"), data);
    }

    @Override
    public Optional<Envelope<?>> next(Predicate<Envelope<?>> filter, Duration timeout) {
        while (!events.isEmpty()) {
            Envelope<?> next = events.poll();
            if (filter.test(next)) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
