package dev.slipway.notify.domain;

import java.util.Arrays;
import java.util.Locale;

/** How a channel is reached. */
public enum ChannelType {
    /** A Slack-compatible incoming webhook: {@code {"text": …}} in Slack's mrkdwn. */
    SLACK,
    /** An email over SMTP (quarkus-mailer): a subject and a plain-text body. */
    EMAIL,
    /** A signed JSON POST ({@link WebhookPayload}) to any receiver. */
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the value and the types there are */
    public static ChannelType parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id().equals(v)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown type '" + value.strip() + "'; use slack, email or webhook"));
    }
}
