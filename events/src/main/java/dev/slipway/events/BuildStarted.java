package dev.slipway.events;

public record BuildStarted(String app, String environment, long buildNumber, String repository, String branch)
        implements PipelineEvent {
}
