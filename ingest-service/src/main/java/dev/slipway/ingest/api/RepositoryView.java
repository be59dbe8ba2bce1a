package dev.slipway.ingest.api;

import dev.slipway.ingest.persistence.RegisteredRepository;

import java.time.OffsetDateTime;

/** A registered repository as answered; the secret is deliberately not part of it. */
public record RepositoryView(String fullName, String cloneUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static RepositoryView of(RegisteredRepository repository) {
        return new RepositoryView(repository.fullName, repository.cloneUrl, repository.createdAt, repository.updatedAt);
    }
}
