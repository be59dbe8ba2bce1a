package dev.slipway.deploy.messaging;

import dev.slipway.deploy.domain.DeploymentStatus;
import dev.slipway.deploy.domain.HealthResult;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * What may be promoted: a release that went live in the source environment and passed its health checks there.
 * Asked by the API, to answer at once, and again by the handler, which decides.
 */
@ApplicationScoped
public class Promotions {
    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;

    public Promotions(EnvironmentRepository environments, DeploymentRepository deployments) {
        this.environments = environments;
        this.deployments = deployments;
    }

    /** Why the promotion cannot be done, or empty when it can. */
    public Optional<String> refusal(String app, String to, String from, Long fromVersion) {
        if (!Names.isValid(app) || !Names.isValid(to) || !Names.isValid(from)) {
            return Optional.of("app and environment names must be lowercase letters, digits and dashes");
        }
        if (to.equals(from)) {
            return Optional.of("cannot promote " + to + " to itself");
        }
        if (environments.find(app, from).isEmpty()) {
            return Optional.of("app '" + app + "' has no environment '" + from + "' deployed here");
        }
        Optional<Deployment> source = source(app, from, fromVersion);
        if (source.isEmpty()) {
            return Optional.of(fromVersion == null ? from + " has no live release to promote"
                    : from + " v" + fromVersion + " never went live");
        }
        Deployment d = source.get();
        if (d.health != HealthResult.PASSED) {
            return Optional.of(from + " v" + d.version + (d.health == HealthResult.FAILED
                    ? " failed its health checks; promote a release that passed them"
                    : " has not passed its health checks yet; promote it once its bake window is over"));
        }
        return Optional.empty();
    }

    /** The release to promote: the named version if it went live, else what the environment serves now. */
    public Optional<Deployment> source(String app, String from, Long fromVersion) {
        Optional<Environment> environment = environments.find(app, from);
        if (environment.isEmpty()) {
            return Optional.empty();
        }
        if (fromVersion != null) {
            return deployments.find(app, from, fromVersion).filter(d -> d.status == DeploymentStatus.SUCCEEDED);
        }
        return Optional.ofNullable(environment.get().liveDeploymentId).map(deployments::findById);
    }
}
