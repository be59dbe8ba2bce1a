package dev.slipway.build.domain;

/** A zip in the artifact store. */
public record StoredArtifact(ArtifactDigest digest, long size) {
}
