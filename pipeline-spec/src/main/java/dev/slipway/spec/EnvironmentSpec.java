package dev.slipway.spec;

/** An environment and the branch whose pushes deploy to it. */
public record EnvironmentSpec(String name, String branch) {
}
