package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.DeployLog;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/** Where a release's service runs (Hugging Face Docker Spaces): one Space per slot. */
public interface ServiceHost {

    /**
     * Makes the Space {@code space} run the files of {@code appDir} with this configuration, creating the Space when
     * it is missing, and waits until it runs.
     *
     * @param removedSecrets secrets Slipway set on the Space before that the configuration no longer has
     */
    Hosted deploy(String space, String token, Path appDir, Map<String, String> variables, Map<String, String> secrets,
                  Set<String> removedSecrets, String summary, DeployLog log);

    /** Removes the Space (a preview's, when it is torn down). */
    void delete(String space, String token);

    /** @param revision the commit the Space runs */
    record Hosted(String space, String revision, URI url) {
    }
}
