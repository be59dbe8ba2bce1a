package dev.slipway.ingest.domain;

import dev.slipway.spec.PipelineSpec;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Slipway needs from a GitHub {@code pull_request} payload.
 *
 * @param repository     the repository the webhook belongs to (the base repository), {@code owner/repo}
 * @param defaultBranch  that repository's default branch ({@code repository.default_branch}); a fork's pull request
 *                       is built under the slipway.yml at its tip
 * @param headRepository the repository the pull request's commits come from; null when that fork was deleted
 * @param headCloneUrl   that repository's clone URL; null likewise
 * @param title          the pull request's title: the payload has no commit message
 * @param sender         who opened, updated or closed it
 */
public record PullRequest(String action, String repository, String defaultBranch, int number, String url,
                          String title, String headRef, String headSha, String headRepository, String headCloneUrl,
                          String baseRef, String baseSha, boolean merged, String sender) {
    /** The actions that build the pull request's head commit: a new pull request or new commits in it. */
    public static final Set<String> BUILD_ACTIONS = Set.of("opened", "synchronize", "reopened");
    public static final String CLOSED = "closed";
    /** Starts the name of the preview environment of a pull request from a fork. */
    public static final String FORK_PREVIEW_PREFIX = PipelineSpec.PREVIEW_PREFIX + "pr-";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** @throws IllegalArgumentException naming the payload field that is missing or wrong */
    public PullRequest {
        require("action", action);
        if (number < 1) {
            throw new IllegalArgumentException("pull_request payload 'number' must be a pull request number (1 or more), got "
                    + number);
        }
        require("pull_request.head.ref", headRef);
        require("pull_request.base.ref", baseRef);
        requireSha("pull_request.head.sha", headSha);
        requireSha("pull_request.base.sha", baseSha);
        if (BUILD_ACTIONS.contains(action) && headRepository != null && !headRepository.equalsIgnoreCase(repository)) {
            require("repository.default_branch", defaultBranch);
        }
        title = title == null ? "" : title;
        sender = sender == null ? "" : sender;
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("pull_request payload has no '" + field + "'");
        }
    }

    private static void requireSha(String field, String value) {
        if (value == null || !SHA.matcher(value).matches()) {
            throw new IllegalArgumentException("pull_request payload '" + field
                    + "' must be a commit SHA (40 or 64 lower-case hex digits), got '" + value + "'");
        }
    }

    /**
     * True when the commits come from another repository than the webhook's, or from a fork since deleted. Its code
     * and its slipway.yml are the fork owner's, not the repository's.
     */
    public boolean fromFork() {
        return headRepository == null || !headRepository.equalsIgnoreCase(repository);
    }

    public boolean builds() {
        return BUILD_ACTIONS.contains(action);
    }

    public boolean closes() {
        return CLOSED.equals(action);
    }

    /**
     * The preview environment of this pull request. From the same repository it is the head branch's own, so the push
     * and the pull request of one commit share one preview; from a fork it is named after the number, because the
     * fork's branch names are its owner's and must not reach the previews of the repository's own branches.
     */
    public String previewEnvironment() {
        return fromFork() ? FORK_PREVIEW_PREFIX + number : PipelineSpec.previewEnvironmentName(headRef);
    }

    /**
     * The branch a run of this pull request carries ({@code PushReceived.branch}). A fork's branch names are its
     * owner's: one called like a branch of the repository (main, staging) must never pass for it, so a fork's run is
     * on {@code pr-<number>} and its own branch is only in the pull request's reference.
     */
    public String branch() {
        return fromFork() ? "pr-" + number : headRef;
    }

    /** Why this delivery builds and tears down nothing, if that is so. */
    public Optional<String> skipReason() {
        if (!builds() && !closes()) {
            return Optional.of("pull_request action '" + action
                    + "' is not handled; only opened, synchronize, reopened and closed are");
        }
        if (builds() && headRepository == null) {
            return Optional.of("the fork pull request #" + number + " comes from was deleted; nothing to build");
        }
        return Optional.empty();
    }
}
