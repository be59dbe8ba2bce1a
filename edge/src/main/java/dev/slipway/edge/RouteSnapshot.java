package dev.slipway.edge;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything a request to an environment needs to know about the release that answers it, fixed: a request reads
 * the environment's snapshot once and is answered wholly from it, and a switch replaces the whole snapshot, so the
 * static site and the services of a release switch together and a request never sees a mix of two releases.
 *
 * @param staticRoot the real path of the static site's directory; null when the release has none
 * @param services   longest route first, so the most specific route wins
 */
record RouteSnapshot(String app, String environment, Slot slot, long version, Path staticRoot,
                     List<ServiceRoute> services) {

    RouteSnapshot {
        services = services.stream()
                .sorted(Comparator.comparingInt((ServiceRoute s) -> s.prefix().length()).reversed())
                .toList();
    }

    record ServiceRoute(String component, String prefix, int port) {
    }

    /** @param path the raw path below the environment, starting with {@code /} */
    Optional<ServiceRoute> serviceFor(String path) {
        return services.stream()
                .filter(s -> path.equals(s.prefix()) || path.startsWith(s.prefix() + "/"))
                .findFirst();
    }

    String describe(ServiceRoute service) {
        return "service " + service.component() + " of " + app + "/" + environment + " (v" + version + ", slot "
                + slot + ")";
    }
}
