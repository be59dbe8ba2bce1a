package dev.slipway.deploy.domain.edge;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the edge runs and routes for one environment, as its admin API answers it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EdgeEnvironment(String app, String environment, Live live, Map<String, SlotView> slots) {

    public static final String BLUE = "blue";
    public static final String GREEN = "green";

    public EdgeEnvironment {
        slots = slots == null ? Map.of() : slots;
    }

    public static EdgeEnvironment empty(String app, String environment) {
        return new EdgeEnvironment(app, environment, null, Map.of());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Live(String slot, long version, Instant switchedAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SlotView(String slot, long version, Instant preparedAt, List<ServiceView> services,
                           Instant stopsAt) {
        public SlotView {
            services = services == null ? List.of() : services;
        }

        public boolean allRunning() {
            return services.stream().allMatch(ServiceView::running);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceView(String component, String route, Integer port, Long pid, boolean running,
                              Integer exitCode, String logTail) {
    }

    public Optional<SlotView> slot(String name) {
        return Optional.ofNullable(slots.get(name));
    }

    /** The slot a new release goes to: the one not live (blue when nothing is live yet). */
    public String idleSlot() {
        return live != null && BLUE.equals(live.slot()) ? GREEN : BLUE;
    }

    /** The slot holding {@code version} with every service still running, if any: a warm release. */
    public Optional<String> warmSlotOf(long version) {
        return slots.values().stream().filter(s -> s != null && s.version() == version && s.allRunning())
                .map(SlotView::slot).findFirst();
    }
}
