package dev.slipway.ingest.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** What Slipway needs from a GitHub push payload. */
public record Push(String ref, String after, boolean deleted, String commitMessage, String pusher) {
    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    public Push {
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("push payload has no 'ref'");
        }
        if (after == null || !SHA.matcher(after).matches()) {
            throw new IllegalArgumentException("push payload 'after' must be a commit SHA (40 or 64 lower-case hex digits), got '"
                    + after + "'");
        }
        commitMessage = commitMessage == null ? "" : commitMessage;
        pusher = pusher == null ? "" : pusher;
    }

    /** The pushed branch, or empty for tags and other refs. */
    public Optional<String> branch() {
        return ref.startsWith(BRANCH_PREFIX) && ref.length() > BRANCH_PREFIX.length()
                ? Optional.of(ref.substring(BRANCH_PREFIX.length())) : Optional.empty();
    }

    /** Why this push deploys nothing whatever slipway.yml says, if that is so. */
    public Optional<String> skipReason() {
        Optional<String> branch = branch();
        if (branch.isEmpty()) {
            return Optional.of("ref '" + ref + "' is not a branch; only pushes to refs/heads/ deploy");
        }
        if (deleted) {
            return Optional.of("branch '" + branch.get() + "' was deleted");
        }
        return Optional.empty();
    }
}
