package dev.slipway.deploy.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.regex.Pattern;

/**
 * A deployment's log answers text, or with {@code ?follow=true} server-sent events, whatever the client accepts:
 * JAX-RS picks between the two methods by media type only, and curl, for one, accepts anything.
 */
public class DeployLogFormat {
    private static final Pattern LOG = Pattern.compile("/api/apps/[^/]+/environments/[^/]+/deployments/[^/]+/log/?");

    @ServerRequestFilter(preMatching = true)
    public void chooseByFollow(ContainerRequestContext request) {
        if (request.getMethod().equals("GET") && LOG.matcher(request.getUriInfo().getPath()).matches()) {
            boolean follow = Boolean.parseBoolean(request.getUriInfo().getQueryParameters().getFirst("follow"));
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, follow ? MediaType.SERVER_SENT_EVENTS : MediaType.TEXT_PLAIN);
        }
    }
}
