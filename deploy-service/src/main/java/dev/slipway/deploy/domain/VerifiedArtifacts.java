package dev.slipway.deploy.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Downloads a component's artifact, checks it against its digest and unpacks it; nothing unverified is used. */
public final class VerifiedArtifacts {
    private final ArtifactSource source;

    public VerifiedArtifacts(ArtifactSource source) {
        this.source = source;
    }

    /** Unpacks {@code component}'s artifact into {@code into}, using {@code scratch} for the download. */
    public void unpack(ReleaseComponent component, Path into, Path scratch) throws IOException {
        Path download = Files.createTempFile(scratch, ".download-", ".zip");
        try {
            source.download(component.artifact(), download);
            Digest actual = Digest.of(download);
            if (!actual.equals(component.artifact())) {
                throw new DeployException("artifact " + component.artifact() + " does not match its digest"
                        + " (the bytes downloaded hash to " + actual + ")");
            }
            SafeZip.extract(download, into);
        } catch (DeployException e) {
            throw new DeployException("component " + component.name() + ": " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(download);
        }
    }
}
