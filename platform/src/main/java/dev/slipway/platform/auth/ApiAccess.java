package dev.slipway.platform.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/** Decides whether the bearer of an {@code Authorization} header may do what needs a given role. */
@Singleton
public class ApiAccess {
    private static final Logger LOG = Logger.getLogger(ApiAccess.class);
    static final String SEND_TOKEN = "send Authorization: Bearer <token>; ./slipway picks up ~/.slipway/credentials";
    static final String NO_TOKENS = "no API tokens are configured on this server; create one with"
            + " ./slipway token create <name> --role viewer|deployer";
    private static final String BEARER = "bearer ";

    /** What the filter does with a request. */
    sealed interface Verdict {
    }

    record Allowed(Caller caller) implements Verdict {
    }

    /** @param status 401 (no or unknown token) or 403 (a token whose role is too small) */
    record Refused(Response.Status status, String error) implements Verdict {
    }

    /** Null when authentication is off. */
    private final TokensFile tokens;

    public ApiAccess(AuthConfig config) {
        this.tokens = config.enabled() ? new TokensFile(config.tokensFile()) : null;
    }

    void announce(@Observes StartupEvent event) {
        if (tokens == null) {
            LOG.warn("slipway.auth.enabled=false: the /api endpoints are open to anyone who reaches this port,"
                    + " every caller acting as deployer 'anonymous'");
        } else if (tokens.tokens().isEmpty()) {
            LOG.warnf("no API tokens in %s: /api answers 401 until one is created with"
                    + " ./slipway token create <name> --role viewer|deployer", tokens.path());
        }
    }

    /** @param authorization the request's {@code Authorization} header, null when it has none */
    Verdict check(String authorization, Role needed) {
        if (tokens == null) {
            return new Allowed(Caller.ANONYMOUS);
        }
        List<ApiToken> known = tokens.tokens();
        if (known.isEmpty()) {
            return new Refused(Response.Status.UNAUTHORIZED, NO_TOKENS);
        }
        if (authorization == null || authorization.isBlank()) {
            return new Refused(Response.Status.UNAUTHORIZED, "this needs an API token: " + SEND_TOKEN);
        }
        // the scheme is case-insensitive (RFC 9110)
        String presented = authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).strip() : "";
        if (presented.isEmpty()) {
            return new Refused(Response.Status.UNAUTHORIZED, "the Authorization header holds no bearer token: "
                    + SEND_TOKEN);
        }
        Optional<ApiToken> match = find(known, ApiToken.sha256(presented));
        if (match.isEmpty()) {
            return new Refused(Response.Status.UNAUTHORIZED,
                    "this API token is not known here (revoked, or made for another server): " + SEND_TOKEN);
        }
        ApiToken token = match.get();
        if (!token.role().covers(needed)) {
            return new Refused(Response.Status.FORBIDDEN, "token '" + token.name() + "' has role "
                    + token.role().label() + "; this needs " + needed.label());
        }
        return new Allowed(new Caller(token.name(), token.role()));
    }

    /** Looks at every token, matched or not, so the time taken does not depend on which one matched. */
    private static Optional<ApiToken> find(List<ApiToken> known, byte[] presented) {
        ApiToken found = null;
        for (ApiToken token : known) {
            if (token.matches(presented) && found == null) {
                found = token;
            }
        }
        return Optional.ofNullable(found);
    }
}
