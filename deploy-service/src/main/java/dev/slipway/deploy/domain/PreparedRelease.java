package dev.slipway.deploy.domain;

/**
 * A release a target has put in place and checked without making it live.
 *
 * @param slot where the target put it (for {@code local}, the edge slot, blue or green)
 */
public record PreparedRelease(Release release, String slot) {
}
