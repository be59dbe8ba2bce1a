package dev.slipway.deploy.domain;

/**
 * A release a target has put in place without making it live.
 *
 * @param location where the target put it (for {@code local}, the release directory)
 */
public record PreparedRelease(Release release, String location) {
}
