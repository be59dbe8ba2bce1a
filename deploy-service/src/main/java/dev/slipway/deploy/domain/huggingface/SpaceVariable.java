package dev.slipway.deploy.domain.huggingface;

/** A Space variable as the Hub keeps it; {@code description} is null when it has none. */
public record SpaceVariable(String value, String description) {
}
