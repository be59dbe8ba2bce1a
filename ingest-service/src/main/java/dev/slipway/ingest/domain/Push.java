package dev.slipway.ingest.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Slipway needs from a GitHub push payload.
 *
 * @param before the commit the ref pointed at before the push: for a deleted branch, its last commit
 * @param after  the commit the ref points at now; all zeros when the ref was deleted
 */
public record Push(String ref, String before, String after, boolean deleted, String commitMessage, String pusher) {
    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public Push {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("push payload has no 'ref'");
        }
        requireSha("before", before);
        requireSha("after", after);
        commitMessage = commitMessage == null ? "" : commitMessage;
        pusher = pusher == null ? "" : pusher;
    }

    private static void requireSha(String field, String value) {
        if (value == null || !SHA.matcher(value).matches()) {
            throw new IllegalArgumentException("push payload '" + field
                    + "' must be a commit SHA (40 or 64 lower-case hex digits), got '" + value + "'");
        }
    }

    /** The pushed branch, or empty for tags and other refs. */
    public Optional<String> branch() {
        return ref.startsWith(BRANCH_PREFIX) && ref.length() > BRANCH_PREFIX.length()
                ? Optional.of(ref.substring(BRANCH_PREFIX.length())) : Optional.empty();
    }

    /** Why this push concerns no environment whatever slipway.yml says, if that is so. */
    public Optional<String> skipReason() {
        return branch().isEmpty()
                ? Optional.of("ref '" + ref + "' is not a branch; only pushes to refs/heads/ deploy")
                : Optional.empty();
    }
}
