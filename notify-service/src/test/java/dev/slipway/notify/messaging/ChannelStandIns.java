package dev.slipway.notify.messaging;

/**
 * The receivers of {@link ChannelsResource}'s channels: a real SMTP server and a team's webhook receiver with two
 * hooks, each with its own key.
 */
public record ChannelStandIns(MailServer mail, WebhookReceiver webhooks) {
    public static final String PRODUCTION_KEY = "prod-key-7b0c2e1f9a";
    public static final String STAGING_KEY = "staging-key-4d81a3c6e2";
    public static final String OPS = "ops@slipway.test";
    public static final String DEV = "dev@slipway.test";
}
