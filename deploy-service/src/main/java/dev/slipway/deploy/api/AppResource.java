package dev.slipway.deploy.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.api.ListLimit;
import dev.slipway.deploy.domain.DeployTarget;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Optional;

/** Read-only answers about an app's environments and deployments. */
@Path("/api/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class AppResource {

    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final DeployTarget target;

    public AppResource(EnvironmentRepository environments, DeploymentRepository deployments, DeployTarget target) {
        this.environments = environments;
        this.deployments = deployments;
        this.target = target;
    }

    @GET
    @Path("/environments")
    @Transactional
    public List<EnvironmentView> environments(@PathParam("app") String app) {
        return knownEnvironments(app).stream().map(this::view).toList();
    }

    @GET
    @Path("/deployments")
    @Transactional
    public List<DeploymentView> deployments(@PathParam("app") String app,
                                            @QueryParam("environment") String environment,
                                            @QueryParam("limit") String limit) {
        knownEnvironments(app);
        String only = environment == null || environment.isBlank() ? null : environment;
        if (only != null && environments.find(app, only).isEmpty()) {
            throw ApiError.notFound("app '" + app + "' has no environment '" + only + "'");
        }
        return deployments.history(app, only, ListLimit.parse(limit)).stream().map(DeploymentView::of).toList();
    }

    private List<Environment> knownEnvironments(String app) {
        List<Environment> known = environments.ofApp(app);
        if (known.isEmpty()) {
            throw ApiError.notFound("no app '" + app + "' has been deployed here");
        }
        return known;
    }

    private EnvironmentView view(Environment environment) {
        Optional<Deployment> live = deployments.newestSucceeded(environment);
        Optional<Deployment> latest = deployments.newest(environment)
                .filter(d -> live.isEmpty() || !d.id.equals(live.get().id));
        return new EnvironmentView(environment.name, target.environmentUrl(environment.app, environment.name).toString(),
                live.map(DeploymentSummary::of).orElse(null), latest.map(DeploymentSummary::of).orElse(null),
                deployments.running(environment).map(DeploymentSummary::of).orElse(null),
                deployments.queued(environment).stream().map(DeploymentSummary::of).toList());
    }
}
