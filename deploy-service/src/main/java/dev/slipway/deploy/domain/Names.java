package dev.slipway.deploy.domain;

import java.util.regex.Pattern;

/**
 * App, environment and component names become directory names and URL segments, so only the names
 * slipway.yml allows are accepted (the same rule as its parser).
 */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String require(String name, String what) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " must be lowercase letters, digits and inner dashes"
                    + " (at most 63), got '" + name + "'");
        }
        return name;
    }
}
