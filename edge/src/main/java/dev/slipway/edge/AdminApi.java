package dev.slipway.edge;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The admin port, for deploy-service: prepare, switch, stop and remove slots, read an environment, and preview a
 * slot. Request bodies hold secrets (services' {@code env}): they are never logged, and errors never quote them.
 */
final class AdminApi implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(AdminApi.class.getName());
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Duration DEFAULT_RETAIN = Duration.ofSeconds(60);

    private final Environments environments;
    private final ReleaseHandler releases;
    private final ObjectMapper json;

    AdminApi(Environments environments, ReleaseHandler releases, ObjectMapper json) {
        this.environments = environments;
        this.releases = releases;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            requireLoopbackHost(exchange);
            if (path.startsWith("/preview/")) {
                preview(exchange, path);
            } else {
                answer(exchange, 200, route(exchange, method, path));
            }
        } catch (AdminException e) {
            error(exchange, e.status(), e.getMessage(), e.field());
        } catch (IOException e) {
            PublicRouter.failed(exchange, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot answer " + method + " " + path, e);
            error(exchange, 500, "the edge failed: " + e.getMessage(), null);
        } finally {
            exchange.close();
        }
    }

    /**
     * A web page the user visits may resolve a name of its own to 127.0.0.1 (DNS rebinding) and reach this port
     * from the browser; its requests carry that name as Host and are refused, so it cannot start commands.
     */
    private static void requireLoopbackHost(HttpExchange exchange) {
        String host = Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Host"), "");
        String name = host.replaceFirst(":\\d+$", "");
        if (!name.equals("127.0.0.1") && !name.equals("localhost") && !name.equals("[::1]")) {
            throw AdminException.forbidden("the admin API answers requests addressed to 127.0.0.1 or localhost only,"
                    + " not to '" + host + "'");
        }
    }

    private Object route(HttpExchange exchange, String method, String path) throws IOException {
        String[] segments = path.substring(1).split("/", -1);
        if (segments.length == 1 && segments[0].equals("health")) {
            requireMethod(method, path, "GET");
            return new Views.Health("UP");
        }
        if (segments.length < 3 || segments.length > 5 || !segments[0].equals("environments")) {
            throw AdminException.notFound("no such endpoint: " + method + " " + path);
        }
        String app = Names.require(segments[1], "app");
        String environment = Names.require(segments[2], "environment");
        if (segments.length == 3) {
            requireMethod(method, path, "GET", "DELETE");
            if (method.equals("GET")) {
                return environments.find(app, environment).map(EnvironmentState::view).orElseThrow(
                        () -> AdminException.notFound("the edge knows no environment " + app + "/" + environment));
            }
            return new Views.Removed(environments.remove(app, environment));
        }
        if (segments.length == 4 && segments[3].equals("route")) {
            requireMethod(method, path, "PUT");
            RequestFields body = RequestFields.root(body(exchange)).allowOnly(Set.of("slot", "version", "retainPrevious"));
            Slot slot = Slot.parse(body.text("slot"));
            long version = body.positiveLong("version");
            Duration retain = body.isAbsent("retainPrevious") ? DEFAULT_RETAIN : retain(body.text("retainPrevious"));
            return known(app, environment, state -> state.switchTo(slot, version, retain));
        }
        if (segments.length == 5 && segments[3].equals("slots")) {
            requireMethod(method, path, "PUT", "DELETE");
            Slot slot = Slot.parse(segments[4]);
            if (method.equals("PUT")) {
                SlotSpec spec = SlotSpec.parse(body(exchange));
                return environments.update(app, environment, state -> state.prepare(slot, spec));
            }
            return known(app, environment, state -> state.stop(slot));
        }
        throw AdminException.notFound("no such endpoint: " + method + " " + path);
    }

    /** A change of an environment the edge must already know. */
    private Object known(String app, String environment, Function<EnvironmentState, Object> change) {
        return environments.update(app, environment, state -> {
            if (state.isEmpty()) {
                throw AdminException.notFound("the edge knows no environment " + app + "/" + environment);
            }
            return change.apply(state);
        });
    }

    /** {@code /preview/{app}/{env}/{slot}/...}: what the environment would answer with that slot live. */
    private void preview(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/", 6); // "", preview, app, env, slot, rest
        if (parts.length < 5) {
            throw AdminException.notFound("a preview is at /preview/{app}/{environment}/{slot}/");
        }
        String app = Names.require(parts[2], "app");
        String environment = Names.require(parts[3], "environment");
        Slot slot = Slot.parse(parts[4]);
        String mount = "/preview/" + app + "/" + environment + "/" + slot.id();
        if (parts.length == 5) {
            String query = exchange.getRequestURI().getRawQuery();
            Responses.redirect(exchange, mount + "/" + (query == null ? "" : "?" + query));
            return;
        }
        RouteSnapshot route = environments.find(app, environment).flatMap(state -> state.preview(slot)).orElse(null);
        if (route == null) {
            Responses.text(exchange, 404, "slot " + slot + " of " + app + "/" + environment + " holds nothing");
            return;
        }
        releases.serve(exchange, route, mount);
    }

    private static void requireMethod(String method, String path, String... allowed) {
        if (!Set.of(allowed).contains(method)) {
            throw AdminException.methodNotAllowed(method + " " + path + " is not an endpoint; use " + String.join(" or ", allowed));
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw AdminException.badRequest("the body is larger than " + MAX_BODY_BYTES + " bytes", null);
        }
        try {
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw AdminException.badRequest("the body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), null);
        }
    }

    private static Duration retain(String text) {
        try {
            Duration retain = Duration.parse(text);
            if (!retain.isNegative()) {
                return retain;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw AdminException.badRequest("retainPrevious must be an ISO-8601 duration like PT60S (PT0S: stop at once),"
                + " not '" + Names.shorten(text) + "'", "retainPrevious");
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        Responses.json(exchange, status, json.writeValueAsBytes(body));
    }

    private void error(HttpExchange exchange, int status, String message, String field) {
        if (exchange.getResponseCode() != -1) {
            return; // already answering; the client sees the answer end early
        }
        try {
            answer(exchange, status, new Views.Error(message, field));
        } catch (IOException e) {
            // the client is gone
        }
    }
}
