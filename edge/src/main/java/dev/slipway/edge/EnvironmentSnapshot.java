package dev.slipway.edge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An environment as the edge holds it at one moment: which slot is live and what each slot holds.
 *
 * @param live        null while nothing has been switched to
 * @param blue, green null when the slot was never prepared
 */
record EnvironmentSnapshot(String app, String environment, Live live, PreparedSlot blue, PreparedSlot green) {

    static EnvironmentSnapshot empty(String app, String environment) {
        return new EnvironmentSnapshot(app, environment, null, null, null);
    }

    PreparedSlot slot(Slot slot) {
        return slot == Slot.BLUE ? blue : green;
    }

    EnvironmentSnapshot with(Slot slot, PreparedSlot held) {
        return slot == Slot.BLUE
                ? new EnvironmentSnapshot(app, environment, live, held, green)
                : new EnvironmentSnapshot(app, environment, live, blue, held);
    }

    EnvironmentSnapshot withLive(Live now) {
        return new EnvironmentSnapshot(app, environment, now, blue, green);
    }

    boolean isEmpty() {
        return live == null && blue == null && green == null;
    }

    /** The route to the live slot; null when nothing is live (or a damaged state file lost the live slot). */
    RouteSnapshot route() {
        return live == null || slot(live.slot()) == null ? null : slot(live.slot()).route(app, environment);
    }

    Views.EnvironmentView view() {
        Map<String, Views.SlotView> slots = new LinkedHashMap<>();
        for (Slot slot : Slot.values()) {
            slots.put(slot.id(), slot(slot) == null ? null : slot(slot).view());
        }
        return new Views.EnvironmentView(app, environment, live, slots);
    }

    StoredEnvironment stored() {
        return new StoredEnvironment(app, environment, live, blue == null ? null : blue.stored(),
                green == null ? null : green.stored());
    }
}
