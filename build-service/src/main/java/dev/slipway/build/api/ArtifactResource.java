package dev.slipway.build.api;

import dev.slipway.platform.api.ApiError;
import dev.slipway.build.domain.ArtifactDigest;
import dev.slipway.build.domain.ArtifactStore;
import dev.slipway.platform.auth.Unauthenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The artifact store, read-only: deploy-service downloads a release's zips here and checks their digest. */
@Path("/api/artifacts")
public class ArtifactResource {
    static final String ZIP = "application/zip";

    private final ArtifactStore store;

    public ArtifactResource(ArtifactStore store) {
        this.store = store;
    }

    /*
     * No token: deploy-service fetches artifacts service to service, and the URL is a capability. A SHA-256 digest
     * cannot be guessed; it is only found in BuildSucceeded events and in answers that already need a viewer.
     */
    @GET
    @Unauthenticated
    @Path("{digest}")
    @Produces(ZIP)
    public Response artifact(@PathParam("digest") String text) {
        ArtifactDigest digest;
        try {
            digest = ArtifactDigest.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        java.nio.file.Path file = store.find(digest)
                .orElseThrow(() -> ApiError.notFound("no artifact " + digest + " in this store"));
        return Response.ok(file.toFile(), ZIP).header("ETag", "\"" + digest + "\"").build();
    }
}
