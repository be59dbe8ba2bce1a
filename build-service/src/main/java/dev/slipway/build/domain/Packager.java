package dev.slipway.build.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The package stage: a component's output folder as a zip in the artifact store. */
public final class Packager {

    /** @param outputShown the output folder as the person knows it, relative to the repository */
    public record Input(String component, Path output, String outputShown, Path repository) {
    }

    private final ArtifactStore store;

    public Packager(ArtifactStore store) {
        this.store = store;
    }

    public StageResult<StoredArtifact> run(Input input) throws IOException {
        if (!Files.isDirectory(input.output())) {
            String reason = "output folder " + input.outputShown() + " of " + input.component()
                    + " does not exist after the build: the build command must create it, or 'output:' must name it";
            return StageResult.failed(reason, reason + "\n");
        }
        if (!input.output().toRealPath().startsWith(input.repository().toRealPath())) {
            String reason = "output folder " + input.outputShown() + " of " + input.component() + " leads out of the repository through a link";
            return StageResult.failed(reason, reason + "\n");
        }
        try {
            StoredArtifact artifact = store.store(input.output(), input.repository());
            return StageResult.succeeded(artifact, "packaged " + input.outputShown() + " as " + artifact.digest()
                    + " (" + artifact.size() + " bytes)\n");
        } catch (ArtifactStore.ArtifactException e) {
            String reason = "output folder " + input.outputShown() + " of " + input.component() + " cannot be packaged: " + e.getMessage();
            return StageResult.failed(reason, reason + "\n");
        }
    }
}
