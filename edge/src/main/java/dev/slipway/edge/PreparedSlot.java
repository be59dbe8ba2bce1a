package dev.slipway.edge;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a slot holds: one release's static site and running services.
 *
 * @param staticSite null when the release has no static part
 * @param stopsAt    when the slot's services are to be stopped (it was live until a switch); null when not
 */
record PreparedSlot(Slot slot, long version, Instant preparedAt, SlotSpec.StaticSite staticSite,
                    List<ServiceProcess> services, Instant stopsAt) {

    PreparedSlot {
        services = List.copyOf(services);
    }

    PreparedSlot withStopsAt(Instant when) {
        return new PreparedSlot(slot, version, preparedAt, staticSite, services, when);
    }

    Optional<ServiceProcess> firstNotRunning() {
        return services.stream().filter(s -> !s.running()).findFirst();
    }

    RouteSnapshot route(String app, String environment) {
        return new RouteSnapshot(app, environment, slot, version, staticSite == null ? null : staticSite.dir(),
                services.stream().map(s -> new RouteSnapshot.ServiceRoute(s.component(), s.route(), s.port()))
                        .toList());
    }

    Views.SlotView view() {
        return new Views.SlotView(slot, version, preparedAt, staticView(),
                services.stream().map(ServiceProcess::view).toList(), stopsAt);
    }

    StoredEnvironment.StoredSlot stored() {
        return new StoredEnvironment.StoredSlot(slot, version, preparedAt, staticView(),
                services.stream().map(ServiceProcess::stored).toList(), stopsAt);
    }

    private Views.StaticView staticView() {
        return staticSite == null ? null : new Views.StaticView(staticSite.component(), staticSite.dir().toString());
    }
}
