package dev.slipway.platform.auth;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/**
 * Who called an {@code /api} endpoint: the token's name (what {@code requestedBy} records) and its role.
 * Resources see it as the principal of {@code @Context SecurityContext}.
 */
public record Caller(String name, Role role) implements Principal {
    /** Everyone, when {@code slipway.auth.enabled=false}. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Role.DEPLOYER);

    @Override
    public String getName() {
        return name;
    }

    /** @param secure whether the request came over HTTPS, as the container saw it */
    SecurityContext securityContext(boolean secure) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return Caller.this;
            }

            @Override
            public boolean isUserInRole(String label) {
                return Role.fromLabel(label).map(role::covers).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return Caller.this == ANONYMOUS ? null : "Bearer";
            }
        };
    }
}
