package dev.slipway.edge;

import java.util.regex.Pattern;

/**
 * App, environment and component names become directory names, file names and URL segments, so only the names
 * slipway.yml allows are accepted (the same rule as its parser and deploy-service).
 */
final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private Names() {
    }

    static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws AdminException (400) naming {@code field} when the name is not valid */
    static String require(String name, String field) {
        if (!isValid(name)) {
            throw AdminException.badRequest(field + " must be lowercase letters, digits and inner dashes (at most 63),"
                    + " not '" + shorten(name) + "'", field);
        }
        return name;
    }

    /** Keeps an echoed bad value short enough for an error message. */
    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
