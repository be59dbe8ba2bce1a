package dev.slipway.deploy.api;

import dev.slipway.deploy.messaging.Promotions;
import dev.slipway.deploy.persistence.Deployment;
import dev.slipway.deploy.persistence.DeploymentRepository;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.events.Envelope;
import dev.slipway.events.PipelineEvent;
import dev.slipway.events.PromoteRequested;
import dev.slipway.events.RollbackRequested;
import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.auth.RequiresRole;
import dev.slipway.platform.auth.Role;
import dev.slipway.platform.config.MessagingConfig;
import dev.slipway.platform.messaging.Outbox;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How people and scripts ask for a rollback or a promotion: through the authenticated API, which records who
 * asked and publishes the request on the ops topic, where deploy-service (and anything else listening) takes
 * it. Kafka is the services' own bus and carries no identity. Obvious mistakes are answered at once; the rest
 * is decided where the request is handled, and its outcome follows as events with the returned correlation id.
 */
@Path("/api/apps/{app}")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OpsRequestResource {

    /** @param toVersion null for the release live before the current one */
    public record RollbackRequest(Long toVersion, String reason) {
    }

    /** @param fromVersion null for what is live in {@code from} */
    public record PromotionRequest(String from, String to, Long fromVersion, String reason) {
    }

    /** @param eventId the request's event id, which is also the correlation id of everything that follows */
    public record Accepted(String eventId, String correlationId) {
        static Accepted of(Envelope<?> request) {
            return new Accepted(request.metadata().id(), request.metadata().correlationId());
        }
    }

    private final EnvironmentRepository environments;
    private final DeploymentRepository deployments;
    private final Promotions promotions;
    private final Outbox outbox;
    private final MessagingConfig messaging;
    private final Clock clock;

    public OpsRequestResource(EnvironmentRepository environments, DeploymentRepository deployments,
                              Promotions promotions, Outbox outbox, MessagingConfig messaging, Clock clock) {
        this.environments = environments;
        this.deployments = deployments;
        this.promotions = promotions;
        this.outbox = outbox;
        this.messaging = messaging;
        this.clock = clock;
    }

    @POST
    @Path("/environments/{environment}/rollbacks")
    @RequiresRole(Role.DEPLOYER)
    @Transactional
    public Response rollback(@PathParam("app") String app, @PathParam("environment") String environment,
                             RollbackRequest body, @Context SecurityContext security) {
        RollbackRequest request = Objects.requireNonNullElse(body, new RollbackRequest(null, null));
        if (request.toVersion() != null && request.toVersion() < 1) {
            throw ApiError.badRequest("toVersion starts at 1, got " + request.toVersion(), "toVersion");
        }
        Environment env = environments.find(app, environment).orElseThrow(() -> ApiError.notFound(
                "app '" + app + "' has no environment '" + environment + "'"));
        Deployment live = Optional.ofNullable(env.liveDeploymentId).map(deployments::findById)
                .orElseThrow(() -> ApiError.answer(Response.Status.CONFLICT,
                        app + "/" + environment + " has nothing live to roll back from"));
        return accepted(live.commitSha, new RollbackRequested(app, environment, request.toVersion(),
                reasonOr(request.reason(), "manual rollback"), caller(security), null));
    }

    @POST
    @Path("/promotions")
    @RequiresRole(Role.DEPLOYER)
    @Transactional
    public Response promote(@PathParam("app") String app, PromotionRequest body, @Context SecurityContext security) {
        if (body == null || body.from() == null || body.from().isBlank()) {
            throw ApiError.badRequest("name the environment to promote from", "from");
        }
        if (body.to() == null || body.to().isBlank()) {
            throw ApiError.badRequest("name the environment to promote to", "to");
        }
        Optional<String> refusal = promotions.refusal(app, body.to(), body.from(), body.fromVersion());
        if (refusal.isPresent()) {
            throw ApiError.answer(Response.Status.CONFLICT, refusal.get());
        }
        Deployment source = promotions.source(app, body.from(), body.fromVersion()).orElseThrow();
        // the exact version checked here, so what is promoted is what was asked about
        return accepted(source.commitSha, new PromoteRequested(app, body.to(), body.from(), source.version,
                reasonOr(body.reason(), null), caller(security)));
    }

    private Response accepted(String commitSha, PipelineEvent request) {
        Envelope<?> event = Envelope.first(messaging.service(), commitSha, request, clock);
        outbox.publish(event);
        return Response.accepted(Accepted.of(event)).build();
    }

    private static String reasonOr(String reason, String otherwise) {
        return reason == null || reason.isBlank() ? otherwise : reason.strip();
    }

    private static String caller(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? "anonymous" : principal.getName();
    }
}
