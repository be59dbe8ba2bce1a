package dev.slipway.edge;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** One of an environment's two places to run a release: the live one serves, the other is prepared. */
enum Slot {
    BLUE, GREEN;

    /** @throws AdminException (400) when the text is neither {@code blue} nor {@code green} */
    static Slot parse(String text) {
        for (Slot slot : values()) {
            if (slot.id().equals(text)) {
                return slot;
            }
        }
        throw AdminException.badRequest("slot must be blue or green, not '" + Names.shorten(text) + "'", "slot");
    }

    @JsonValue
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
