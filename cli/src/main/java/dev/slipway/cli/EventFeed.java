package dev.slipway.cli;

import dev.slipway.events.Envelope;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** The pipeline's events as they happen (on Kafka: {@link PipelineWatcher}), from the moment it was opened. */
interface EventFeed extends AutoCloseable {

    /** The next event accepted by {@code filter}, waiting up to {@code timeout}. */
    Optional<Envelope<?>> next(Predicate<Envelope<?>> filter, Duration timeout);

    @Override
    void close();
}
