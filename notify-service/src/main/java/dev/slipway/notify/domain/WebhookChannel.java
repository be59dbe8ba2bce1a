package dev.slipway.notify.domain;

/** Any HTTP receiver: a signed JSON POST ({@link WebhookPayload}, {@link WebhookSignature}). */
public record WebhookChannel(String id, String label, SecretUrl url, WebhookSignature signature, Routing routing)
        implements Channel {

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public String toString() {
        return label;
    }
}
