package dev.slipway.deploy.domain.remote;

import dev.slipway.deploy.domain.DeployLog;
import dev.slipway.deploy.domain.huggingface.SpaceDeployer;
import dev.slipway.deploy.domain.huggingface.SpaceRevision;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Hugging Face Docker Spaces as the host of a release's service, each call with its environment's token. */
public final class HuggingFaceSpaces implements ServiceHost {
    private final Function<String, SpaceDeployer> deployers;

    /** @param deployers a deployer for a token */
    public HuggingFaceSpaces(Function<String, SpaceDeployer> deployers) {
        this.deployers = deployers;
    }

    @Override
    public Hosted deploy(String space, String token, Path appDir, Map<String, String> variables,
                         Map<String, String> secrets, Set<String> removedSecrets, String summary, DeployLog log) {
        SpaceRevision revision = deployers.apply(token).deploy(space, appDir, variables, secrets, removedSecrets,
                summary, log);
        return new Hosted(revision.space(), revision.commit(), revision.url());
    }

    @Override
    public void delete(String space, String token) {
        deployers.apply(token).delete(space);
    }
}
