package dev.slipway.deploy.domain;

import java.nio.file.Path;

/** Where built artifacts come from. */
public interface ArtifactSource {

    /** Writes the bytes stored under {@code digest} to {@code into}, unverified; fails with the reason. */
    void download(Digest digest, Path into);
}
