package dev.slipway.edge;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Optional;

/**
 * Answers a request from one release (a {@link RouteSnapshot}): under a service's route it goes to that service,
 * anything else is a static file. The public port uses it for the live release, the admin port's preview for a
 * slot's release, so a preview answers exactly as the environment will once switched.
 */
final class ReleaseHandler {
    private final StaticFiles staticFiles;
    private final ReverseProxy proxy;

    ReleaseHandler(StaticFiles staticFiles, ReverseProxy proxy) {
        this.staticFiles = staticFiles;
        this.proxy = proxy;
    }

    /** Every answer of an environment with a release says which release it came from. */
    static void mark(HttpExchange exchange, RouteSnapshot route) {
        exchange.getResponseHeaders().set("X-Slipway-Release", Long.toString(route.version()));
        exchange.getResponseHeaders().set("X-Slipway-Slot", route.slot().id());
    }

    /**
     * @param mount the path the release is served under (e.g. {@code /shop/production}); plain name segments, so
     *              the same in the raw and the decoded request path
     */
    void serve(HttpExchange exchange, RouteSnapshot route, String mount) throws IOException {
        mark(exchange, route);
        String rawPath = exchange.getRequestURI().getRawPath().substring(mount.length());
        Optional<RouteSnapshot.ServiceRoute> service = route.serviceFor(rawPath);
        if (service.isPresent()) {
            proxy.forward(exchange, route, service.get(), mount, rawPath.substring(service.get().prefix().length()));
        } else {
            staticFiles.serve(exchange, route.staticRoot(), exchange.getRequestURI().getPath().substring(mount.length()));
        }
    }
}
