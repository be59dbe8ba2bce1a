package dev.slipway.platform.auth;

import dev.slipway.platform.api.ApiError;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Token authentication of the ops API: every request under {@code /api/} needs a bearer token whose role covers
 * the method ({@link AccessRules}). Nothing else is touched: webhooks carry their HMAC signature, {@code /q/}
 * is health. Runs after matching, because the role is the matched method's; an unmatched path is a 404 as before.
 */
public class ApiAuthFilter {
    private static final String CHALLENGE = "Bearer realm=\"slipway\"";

    private final ApiAccess access;

    public ApiAuthFilter(ApiAccess access) {
        this.access = access;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        Optional<Role> needed = AccessRules.required(resource.getResourceMethod());
        if (needed.isEmpty()) {
            return Optional.empty();
        }
        ApiAccess.Verdict verdict = access.check(request.getHeaderString(HttpHeaders.AUTHORIZATION), needed.get());
        if (verdict instanceof ApiAccess.Allowed allowed) {
            request.setSecurityContext(allowed.caller().securityContext(request.getSecurityContext().isSecure()));
            return Optional.empty();
        }
        ApiAccess.Refused refused = (ApiAccess.Refused) verdict;
        Response.ResponseBuilder answer = Response.status(refused.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiError.of(refused.error()));
        if (refused.status() == Response.Status.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        }
        return Optional.of(answer.build());
    }
}
