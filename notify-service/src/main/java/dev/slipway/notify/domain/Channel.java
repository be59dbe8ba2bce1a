package dev.slipway.notify.domain;

/**
 * A configured place notifications go to, with the rules that pick what it gets. None of its methods reveals a
 * secret (a webhook URL, a signing key): {@link #label()} is what logs and the API show.
 */
public sealed interface Channel permits SlackChannel, EmailChannel, WebhookChannel {

    /** Stable across restarts and unique among the channels; deliveries are unique per event and channel id. */
    String id();

    /** e.g. {@code ops-mail (email to ops@example.com)}; for a channel from {@code slack-webhook-urls} its masked URL. */
    String label();

    Routing routing();

    ChannelType type();

    default boolean wants(String environment, NotificationKind kind) {
        return routing().matches(environment, kind);
    }
}
