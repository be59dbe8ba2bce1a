package dev.slipway.edge;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a slot is to run, as {@code PUT /environments/{app}/{env}/slots/{slot}} asks: the release's version, at
 * most one static site served at the environment's root, and services each reached under its own route.
 *
 * @param staticSite null when the release has no static part
 */
record SlotSpec(long version, StaticSite staticSite, List<ServiceSpec> services) {
    /** A route is a plain path below the environment: no encoding tricks, no dot segments, no trailing slash. */
    private static final Pattern ROUTE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    SlotSpec {
        services = List.copyOf(services);
    }

    /** @param dir the real path of the directory served */
    record StaticSite(String component, Path dir) {
    }

    /** @param env holds secrets: never printed, stored or answered */
    record ServiceSpec(String component, String route, String run, Path dir, Map<String, String> env) {
        ServiceSpec {
            env = Map.copyOf(env);
        }

        @Override
        public String toString() {
            return "ServiceSpec[" + component + " at " + route + " in " + dir + ", " + env.size() + " variables]";
        }
    }

    /** @throws AdminException (400) naming the first field that is wrong */
    static SlotSpec parse(JsonNode body) {
        RequestFields fields = RequestFields.root(body).allowOnly(Set.of("version", "static", "services"));
        long version = fields.positiveLong("version");
        StaticSite staticSite = null;
        if (!fields.isAbsent("static")) {
            RequestFields site = fields.object("static").allowOnly(Set.of("component", "dir"));
            staticSite = new StaticSite(Names.require(site.text("component"), site.name("component")),
                    site.directory("dir"));
        }
        List<ServiceSpec> services = new ArrayList<>();
        Map<String, String> componentOfRoute = new HashMap<>();
        Set<String> components = new LinkedHashSet<>();
        for (RequestFields service : fields.objects("services")) {
            service.allowOnly(Set.of("component", "route", "run", "dir", "env"));
            String component = Names.require(service.text("component"), service.name("component"));
            if (!components.add(component)) {
                throw AdminException.badRequest(service.name("component") + ": service " + component
                        + " is listed twice", service.name("component"));
            }
            String route = route(service);
            String taken = componentOfRoute.putIfAbsent(route, component);
            if (taken != null) {
                throw AdminException.badRequest(service.name("route") + ": " + route + " is already the route of "
                        + taken, service.name("route"));
            }
            services.add(new ServiceSpec(component, route, service.text("run"), service.directory("dir"),
                    service.variables("env")));
        }
        return new SlotSpec(version, staticSite, services);
    }

    private static String route(RequestFields service) {
        String field = service.name("route");
        String route = service.text("route");
        if (route.equals("/")) {
            throw AdminException.badRequest(field + " cannot be /: the environment's root is its static site", field);
        }
        if (!ROUTE.matcher(route).matches() || route.contains("..") || route.contains("/./") || route.endsWith("/.")) {
            throw AdminException.badRequest(field + " must be a path like /api (letters, digits, . _ ~ -; no .."
                    + " segment, no trailing /), not '" + Names.shorten(route) + "'", field);
        }
        return route;
    }
}
