package dev.slipway.platform.auth;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** A mutating endpoint outside /api, like the webhooks: the filter leaves it alone. */
@Path("/outside-api")
public class OutsideApiResource {

    @POST
    public String change(@Context SecurityContext security) {
        return AuthProbeResource.who(security);
    }
}
