package dev.slipway.build.domain;

/**
 * One commit status for GitHub (FR-002): what branch protection reads to allow or block a merge.
 *
 * @param context     {@code slipway/build} for the whole build, {@code slipway/<component>} for one component
 * @param description at most {@link #MAX_DESCRIPTION} characters, as GitHub takes them
 * @param targetUrl   the build's log
 */
public record CommitStatus(String context, CommitState state, String description, String targetUrl) {
    public static final int MAX_DESCRIPTION = 140;
    public static final String BUILD_CONTEXT = "slipway/build";

    public CommitStatus {
        if (description.length() > MAX_DESCRIPTION) {
            int end = MAX_DESCRIPTION - 1;
            if (Character.isHighSurrogate(description.charAt(end - 1))) {
                end--; // never half a character
            }
            description = description.substring(0, end) + "…";
        }
    }

    public static String contextOf(String component) {
        return "slipway/" + component;
    }
}
