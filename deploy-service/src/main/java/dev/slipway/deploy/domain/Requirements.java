package dev.slipway.deploy.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An environment's promotion rule: the environments a commit must have passed (gone live there and passed its
 * health checks) before it may deploy here, e.g. production requires staging.
 */
public final class Requirements {

    private Requirements() {
    }

    /**
     * Why the commit must wait, or empty when every required environment was passed.
     *
     * @param passed whether the commit passed the named environment
     */
    public static Optional<String> unmet(String environment, List<String> requires, String commitSha,
                                         Predicate<String> passed) {
        List<String> missing = requires.stream().filter(r -> !passed.test(r)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(environment + " requires " + String.join(" and ", requires) + ": commit "
                + shortSha(commitSha) + " has not passed " + String.join(" and ", missing) + " yet");
    }

    public static String shortSha(String commitSha) {
        return commitSha.length() > 7 ? commitSha.substring(0, 7) : commitSha;
    }
}
