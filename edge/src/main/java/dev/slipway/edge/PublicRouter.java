package dev.slipway.edge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;

/**
 * The public port: {@code /{app}/{env}/...} is answered by the environment's live release. The route is read once
 * per request, so each request is answered wholly by one release even while a switch happens.
 */
final class PublicRouter implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(PublicRouter.class.getName());

    private final Environments environments;
    private final ReleaseHandler releases;

    PublicRouter(Environments environments, ReleaseHandler releases) {
        this.environments = environments;
        this.releases = releases;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            String[] parts = exchange.getRequestURI().getRawPath().split("/", 4); // "", app, env, rest
            if (parts.length < 3 || !parts[0].isEmpty() || !Names.isValid(parts[1]) || !Names.isValid(parts[2])) {
                Responses.text(exchange, 404, "not found: environments are served at /{app}/{environment}/");
                return;
            }
            String mount = "/" + parts[1] + "/" + parts[2];
            RouteSnapshot route = environments.find(parts[1], parts[2]).map(EnvironmentState::route).orElse(null);
            if (route != null) {
                ReleaseHandler.mark(exchange, route);
            }
            if (parts.length == 3) {
                // relative links of the site's index resolve against the directory, so it needs its slash
                String query = exchange.getRequestURI().getRawQuery();
                Responses.redirect(exchange, mount + "/" + (query == null ? "" : "?" + query));
            } else if (route == null) {
                Responses.text(exchange, 404, "no release is live in " + parts[1] + "/" + parts[2]);
            } else {
                releases.serve(exchange, route, mount);
            }
        } catch (IOException e) {
            failed(exchange, e); // mostly a client that went away; nothing to report
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot answer " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getRawPath() + ": " + e);
            failed(exchange, e);
        } finally {
            exchange.close();
        }
    }

    /** Answers 500 when nothing was answered yet; otherwise the client sees the connection end early. */
    static void failed(HttpExchange exchange, Exception e) {
        if (exchange.getResponseCode() == -1) {
            try {
                Responses.text(exchange, 500, "the edge cannot answer this request: " + e.getMessage());
            } catch (IOException ignored) {
                // the client is gone
            }
        }
    }
}
