package dev.slipway.deploy.api;

import dev.slipway.deploy.domain.ContentTypes;
import dev.slipway.deploy.domain.LocalTarget;
import dev.slipway.deploy.domain.Names;
import dev.slipway.deploy.domain.SitePaths;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;

/**
 * Serves each environment's live static site at {@code /sites/{app}/{environment}/}. {@code current} is
 * resolved on every request, so a switch is seen by the next request.
 */
@Path("/sites/{app}/{environment}")
public class SiteResource {
    private final LocalTarget local;

    public SiteResource(LocalTarget local) {
        this.local = local;
    }

    @GET
    @Path("/{path: .*}")
    public Response file(@PathParam("app") String app, @PathParam("environment") String environment,
                         @PathParam("path") String path, @Context UriInfo request) {
        if (path.isEmpty() && !request.getRequestUri().getRawPath().endsWith("/")) {
            return withSlash(app, environment);
        }
        return local.siteRoot(app, environment)
                .flatMap(root -> SitePaths.resolve(root, path))
                .map(file -> Response.ok(file.toFile(), ContentTypes.of(file))
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache").build())
                .orElseGet(SiteResource::notFound);
    }

    /** The site's relative links only resolve below the trailing slash. */
    private static Response withSlash(String app, String environment) {
        if (!Names.isValid(app) || !Names.isValid(environment)) {
            return notFound();
        }
        return Response.status(Response.Status.MOVED_PERMANENTLY)
                .location(URI.create("/sites/" + app + "/" + environment + "/")).build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").entity("not found").build();
    }
}
