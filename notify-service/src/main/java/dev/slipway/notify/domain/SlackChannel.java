package dev.slipway.notify.domain;

/** A Slack-compatible incoming webhook; its URL is the credential. */
public record SlackChannel(String id, String label, SecretUrl url, Routing routing) implements Channel {

    /** One of {@code slipway.notify.slack-webhook-urls}: every environment and kind, known by its URL's hash as before. */
    public static SlackChannel legacy(SecretUrl url) {
        return new SlackChannel(url.id(), url.masked(), url, Routing.everything());
    }

    @Override
    public ChannelType type() {
        return ChannelType.SLACK;
    }

    @Override
    public String toString() {
        return label;
    }
}
