package dev.slipway.platform.api;

/** The {@code limit} query parameter of the list endpoints: 1 to 200, 20 when absent. */
public final class ListLimit {
    public static final int DEFAULT = 20;
    public static final int MAX = 200;

    private ListLimit() {
    }

    /** @throws jakarta.ws.rs.WebApplicationException a 400 naming the rule when {@code raw} breaks it */
    public static int parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1 && value <= MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below with the same message as an out-of-range number
        }
        throw ApiError.badRequest("limit must be a whole number from 1 to " + MAX + ", got '" + raw + "'");
    }
}
