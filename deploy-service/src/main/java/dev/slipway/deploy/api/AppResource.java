package dev.slipway.deploy.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.api.ListLimit;
import dev.slipway.platform.auth.RequiresRole;
import dev.slipway.platform.auth.Role;
import dev.slipway.deploy.domain.TargetRouter;
import dev.slipway.deploy.domain.SecretVault;
import dev.slipway.deploy.messaging.DeployWorker;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.deploy.persistence.RollbackRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers about an app's environments, deployments and rollbacks, and resuming a pinned environment. */
@Path("/api/apps/{app}")
@Produces(MediaType.APPLICATION_JSON)
public class AppResource {
    /** How often a followed deploy log looks for new lines. */
    private static final Duration FOLLOW_POLL = Duration.ofMillis(250);


    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final RollbackRepository rollbacks;
    private final TargetRouter targets;
    private final DeployWorker worker;
    private final SecretVault vault;

    public AppResource(EnvironmentRepository environments, DeploymentRepository deployments,
                       RollbackRepository rollbacks, TargetRouter targets, DeployWorker worker, SecretVault vault) {
        this.environments = environments;
        this.deployments = deployments;
        this.rollbacks = rollbacks;
        this.targets = targets;
        this.worker = worker;
        this.vault = vault;
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
        return deployments.history(app, onlyEnvironment(app, environment), ListLimit.parse(limit)).stream()
                .map(d -> DeploymentView.of(d, secretNames(d))).toList();
    }

    /** A deployment's progress as it was written: fetching, migrating, starting, readiness, the switch. */
    @GET
    @Path("/environments/{environment}/deployments/{version}/log")
    @Produces(MediaType.TEXT_PLAIN)
    @Transactional
    public String log(@PathParam("app") String app, @PathParam("environment") String environment,
                      @PathParam("version") long version) {
        Deployment d = deployments.find(app, environment, version).orElseThrow(() -> ApiError.notFound(
                "app '" + app + "' has no version " + version + " in environment '" + environment + "'"));
        return deployments.log(d.id);
    }

    /**
     * The log as it grows, as server-sent events (FR-014): what is stored so far, then each new line as it is
     * stored, one {@code data} event a line, and an {@code end} event with the final status before the stream
     * closes. Asked for with {@code ?follow=true} ({@link DeployLogFormat}).
     */
    @GET
    @Path("/environments/{environment}/deployments/{version}/log")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> followLog(@PathParam("app") String app, @PathParam("environment") String environment,
                                             @PathParam("version") long version, @Context Sse sse) {
        long id = QuarkusTransaction.requiringNew().call(() -> deployments.find(app, environment, version)
                .orElseThrow(() -> ApiError.notFound("app '" + app + "' has no version " + version
                        + " in environment '" + environment + "'")).id);
        DeployLogFollower follower = new DeployLogFollower(id);
        return Uni.createFrom().item(() -> QuarkusTransaction.requiringNew().call(() -> follower.poll(deployments)))
                // polls are started from I/O threads (the subscription, the delay's timer), which must not block
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .repeat().withDelay(FOLLOW_POLL).whilst(update -> !update.ended())
                .onItem().transformToIterable(update -> events(update, sse));
    }

    private static List<OutboundSseEvent> events(DeployLogFollower.Update update, Sse sse) {
        List<OutboundSseEvent> events = new ArrayList<>(update.lines().stream().map(sse::newEvent).toList());
        if (update.ended()) {
            events.add(sse.newEvent("end", update.endedWith()));
        }
        return events;
    }

    private List<String> secretNames(Deployment d) {
        return List.copyOf(vault.openSnapshot(d.app(), d.environmentName(), d.version, d.configSecrets).keySet());
    }

    @GET
    @Path("/rollbacks")
    @Transactional
    public List<RollbackView> rollbacks(@PathParam("app") String app,
                                        @QueryParam("environment") String environment,
                                        @QueryParam("limit") String limit) {
        return rollbacks.history(app, onlyEnvironment(app, environment), ListLimit.parse(limit)).stream()
                .map(RollbackView::of).toList();
    }

    /** Lifts a rollback's pin: the environment's lane runs again, newest queued deployment first. */
    @POST
    @RequiresRole(Role.DEPLOYER)
    @Path("/environments/{environment}/resume")
    @Transactional
    public EnvironmentView resume(@PathParam("app") String app, @PathParam("environment") String environment) {
        Environment pinned = environments.lock(app, environment).orElseThrow(() -> unknown(app, environment));
        if (pinned.pinnedAt == null) {
            throw ApiError.answer(Response.Status.CONFLICT,
                    "environment '" + environment + "' of app '" + app + "' is not pinned");
        }
        pinned.pinnedAt = null;
        pinned.pinnedReason = null;
        worker.wakeAfterCommit();
        return view(pinned);
    }

    /** The environment to list, null for all; the app and the environment must be known. */
    private String onlyEnvironment(String app, String environment) {
        knownEnvironments(app);
        String only = environment == null || environment.isBlank() ? null : environment;
        if (only != null && environments.find(app, only).isEmpty()) {
            throw unknown(app, only);
        }
        return only;
    }

    private static RuntimeException unknown(String app, String environment) {
        return ApiError.notFound("app '" + app + "' has no environment '" + environment + "'");
    }

    private List<Environment> knownEnvironments(String app) {
        List<Environment> known = environments.ofApp(app);
        if (known.isEmpty()) {
            throw ApiError.notFound("no app '" + app + "' has been deployed here");
        }
        return known;
    }

    private EnvironmentView view(Environment environment) {
        Optional<Deployment> live = Optional.ofNullable(environment.liveDeploymentId).map(deployments::findById);
        Optional<Deployment> latest = deployments.newest(environment)
                .filter(d -> live.isEmpty() || !d.id.equals(live.get().id));
        return new EnvironmentView(environment.name, targets.of(environment.targetSettings()).environmentUrl(environment.app, environment.name,
                environment.targetSettings()).toString(),
                live.map(DeploymentSummary::of).orElse(null), latest.map(DeploymentSummary::of).orElse(null),
                deployments.running(environment).map(DeploymentSummary::of).orElse(null),
                deployments.queued(environment).stream().map(DeploymentSummary::of).toList(),
                deployments.waiting(environment).stream().map(DeploymentSummary::of).toList(),
                environment.pinnedAt == null ? null
                        : new EnvironmentView.Pin(environment.pinnedAt, environment.pinnedReason),
                environment.requiredEnvironments(), environment.preview,
                environment.tornDownAt == null ? null
                        : new EnvironmentView.TornDown(environment.tornDownAt, environment.teardownReason));
    }
}
