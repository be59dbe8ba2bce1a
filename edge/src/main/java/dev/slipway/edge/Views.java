package dev.slipway.edge;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The admin API's answers. None holds a service's {@code env}. */
final class Views {
    private Views() {
    }

    /** @param slots blue and green, each null when never prepared */
    record EnvironmentView(String app, String environment, Live live, Map<String, SlotView> slots) {
    }

    record SlotView(Slot slot, long version, Instant preparedAt, @JsonProperty("static") StaticView staticSite,
                    List<ServiceView> services, Instant stopsAt) {
    }

    record StaticView(String component, String dir) {
    }

    /** @param exitCode null while running, when stopped before it ended, or when adopted after a restart */
    record ServiceView(String component, String route, int port, long pid, boolean running, Integer exitCode,
                       String logTail) {
    }

    record Removed(boolean removed) {
    }

    record Health(String status) {
    }

    record Error(String error, String field) {
    }
}
