package dev.slipway.deploy.domain;

/** Where a deploy reports its progress, one line at a time, for people following it. */
@FunctionalInterface
public interface DeployLog {
    DeployLog NONE = line -> {
    };

    void line(String text);
}
