package dev.slipway.edge;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * An environment as its state file holds it: enough to restore its route and find its processes again after a
 * restart. Services' {@code env} is not in it: it holds secrets.
 */
record StoredEnvironment(String app, String environment, Live live, StoredSlot blue, StoredSlot green) {

    record StoredSlot(Slot slot, long version, Instant preparedAt, @JsonProperty("static") Views.StaticView staticSite,
                      List<StoredService> services, Instant stopsAt) {
    }

    /** @param pidStartedAt tells the recorded process from a later one that got the same pid */
    record StoredService(String component, String route, String run, String dir, int port, long pid,
                         Instant pidStartedAt) {
    }
}
