package dev.slipway.deploy.domain.edge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the edge should run in a slot: at most one static directory served at the environment's root and any
 * number of services, each reached under its route.
 *
 * @param staticSite null when the release has no static component
 */
public record SlotPlan(long version, StaticSite staticSite, List<Service> services) {

    public SlotPlan {
        services = List.copyOf(services);
    }

    public record StaticSite(String component, Path dir) {
    }

    /** @param env the process environment; holds decrypted secrets, so this record never prints it */
    public record Service(String component, String route, String run, Path dir, Map<String, String> env) {
        public Service {
            env = Map.copyOf(env);
        }

        @Override
        public String toString() {
            return "Service[" + component + " at " + route + ": " + run + " in " + dir + ", " + env.size()
                    + " variables]";
        }
    }
}
