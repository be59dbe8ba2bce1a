package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.SecretVault;
import dev.slipway.deploy.persistence.Environment;
import dev.slipway.deploy.persistence.EnvironmentRepository;
import dev.slipway.deploy.persistence.EnvironmentSecret;
import dev.slipway.deploy.persistence.SecretRepository;
import dev.slipway.platform.api.ApiError;
import dev.slipway.platform.auth.RequiresRole;
import dev.slipway.platform.auth.Role;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An environment's secrets: set (the value is the request body, plain text), listed by name, deleted. Values are
 * sealed at once and never answered; a deployment takes a snapshot when it starts, so a change reaches the
 * environment with its next deployment, and a rollback runs with the secrets its release ran with.
 */
@Path("/api/apps/{app}/environments/{environment}/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretResource {

    /** @param updatedAt when its value was last set */
    public record SecretView(String name, OffsetDateTime updatedAt) {
        static SecretView of(EnvironmentSecret secret) {
            return new SecretView(secret.key.name, secret.updatedAt);
        }
    }

    private final EnvironmentRepository environments;
    private final SecretRepository secrets;
    private final SecretVault vault;
    private final Clock clock;

    public SecretResource(EnvironmentRepository environments, SecretRepository secrets, SecretVault vault,
                          Clock clock) {
        this.environments = environments;
        this.secrets = secrets;
        this.vault = vault;
        this.clock = clock;
    }

    @GET
    @Transactional
    public List<SecretView> list(@PathParam("app") String app, @PathParam("environment") String environment) {
        return environments.find(app, environment).map(e -> secrets.of(e).stream().map(SecretView::of).toList())
                .orElse(List.of());
    }

    /** Secrets may be set before the environment's first deployment, so the environment is created if needed. */
    @PUT
    @RequiresRole(Role.DEPLOYER)
    @Path("/{name}")
    @Consumes(MediaType.TEXT_PLAIN)
    @Transactional
    public SecretView set(@PathParam("app") String app, @PathParam("environment") String environment,
                          @PathParam("name") String name, String value) {
        requireNames(app, environment);
        byte[] sealed;
        try {
            sealed = vault.seal(app, environment, name, value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage(), value == null || value.isBlank() ? "value" : "name");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Environment env = environments.lockOrCreate(app, environment, now);
        EnvironmentSecret secret = secrets.find(env, name).orElseGet(() -> {
            EnvironmentSecret created = new EnvironmentSecret();
            created.key = new EnvironmentSecret.Key(env.id, name);
            return created;
        });
        secret.sealed = sealed;
        secret.updatedAt = now;
        secrets.persist(secret);
        return SecretView.of(secret);
    }

    @DELETE
    @RequiresRole(Role.DEPLOYER)
    @Path("/{name}")
    @Transactional
    public Response delete(@PathParam("app") String app, @PathParam("environment") String environment,
                           @PathParam("name") String name) {
        EnvironmentSecret secret = environments.find(app, environment).flatMap(e -> secrets.find(e, name))
                .orElseThrow(() -> ApiError.notFound("app '" + app + "' has no secret '" + name
                        + "' in environment '" + environment + "'"));
        secrets.delete(secret);
        return Response.noContent().build();
    }

    private static void requireNames(String app, String environment) {
        if (!Names.isValid(app)) {
            throw ApiError.badRequest("app must be lowercase letters, digits and dashes, got '" + app + "'", "app");
        }
        if (!Names.isValid(environment)) {
            throw ApiError.badRequest("environment must be lowercase letters, digits and dashes, got '"
                    + environment + "'", "environment");
        }
    }
}
