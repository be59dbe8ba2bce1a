package dev.slipway.ingest.domain;

import java.util.Locale;

/** Turns free-form names (repository names, branches) into Slipway names: [a-z0-9-], at most 63 characters. */
public final class Names {
    private static final int MAX = 63;

    private Names() {
    }

    /** @param fallback used when nothing of {@code value} survives, so the result is never empty */
    public static String sanitize(String value, String fallback) {
        String name = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > MAX) {
            name = name.substring(0, MAX).replaceAll("-+$", "");
        }
        return name.isEmpty() ? fallback : name;
    }
}
