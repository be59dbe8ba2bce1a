package dev.slipway.platform.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/** Endpoints of every kind the filter tells apart; each answers who called it. */
@Path("/api/auth-probe")
public class AuthProbeResource {

    static String who(SecurityContext security) {
        return security.getUserPrincipal() == null ? "nobody"
                : security.getUserPrincipal().getName() + (security.isUserInRole("deployer") ? " deployer" : " viewer");
    }

    @GET
    public String read(@Context SecurityContext security) {
        return who(security);
    }

    @POST
    public String change(@Context SecurityContext security) {
        return who(security);
    }

    @POST
    @Path("search")
    @RequiresRole(Role.VIEWER)
    public String search(@Context SecurityContext security) {
        return who(security);
    }

    @GET
    @Path("capability")
    @Unauthenticated
    public String capability(@Context SecurityContext security) {
        return who(security);
    }
}
