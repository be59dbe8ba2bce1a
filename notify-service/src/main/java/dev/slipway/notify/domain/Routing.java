package dev.slipway.notify.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which events a channel gets: those of its environments and its kinds.
 *
 * @param environments environment names; {@code *} is every environment and {@code preview-*} every name with that
 *                     start (feature-branch previews get names of their own)
 * @param kinds        what it is told about
 */
public record Routing(List<String> environments, Set<NotificationKind> kinds) {
    public static final String EVERY_ENVIRONMENT = "*";

    public Routing {
        environments = List.copyOf(environments);
        kinds = Collections.unmodifiableSet(kinds.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(kinds));
        for (String pattern : environments) {
            int star = pattern.indexOf('*');
            if (pattern.isBlank() || (star >= 0 && star != pattern.length() - 1)) {
                throw new IllegalArgumentException("'" + pattern + "' is not an environment name; a name may end in *"
                        + " to match every environment starting with what comes before it");
            }
        }
    }

    /** Every environment, every kind: what a channel gets when its rules say nothing. */
    public static Routing everything() {
        return new Routing(List.of(EVERY_ENVIRONMENT), EnumSet.allOf(NotificationKind.class));
    }

    public boolean matches(String environment, NotificationKind kind) {
        return kinds.contains(kind) && environments.stream().anyMatch(p -> p.endsWith("*")
                ? environment.startsWith(p.substring(0, p.length() - 1)) : environment.equals(p));
    }

    /** e.g. {@code production, staging: deploy-succeeded, deploy-failed}, for the startup log. */
    public String describe() {
        String where = environments.equals(List.of(EVERY_ENVIRONMENT)) ? "every environment"
                : String.join(", ", environments);
        String what = kinds.size() == NotificationKind.values().length ? "every kind"
                : kinds.stream().map(NotificationKind::id).collect(Collectors.joining(", "));
        return where + ": " + what;
    }
}
