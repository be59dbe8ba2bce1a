package dev.slipway.notify.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code Message-ID} of a delivery's email: {@code <delivery id@sender's domain>}, the same on every attempt.
 * Email is at-least-once: when the SMTP server accepts a message after the attempt has timed out, the attempt counts
 * as failed and the message is sent again; with the same Message-ID, mail clients and the recipients' servers can
 * tell the copies are one message.
 */
public final class EmailMessageId {
    /** The domain of {@code slipway@example.com} or {@code Slipway <slipway@example.com>}. */
    private static final Pattern DOMAIN = Pattern.compile("@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*)>?\\s*$");

    private EmailMessageId() {
    }

    /**
     * @param deliveryId {@link WebhookPayload#deliveryId(String, String)} of the event and the channel
     * @param from       the sender, as {@code quarkus.mailer.from}
     */
    public static String of(String deliveryId, String from) {
        String domain = domain(from).orElseThrow(() -> new IllegalArgumentException("the sender '" + from
                + "' has no domain to put in a Message-ID"));
        return "<" + deliveryId + "@" + domain + ">";
    }

    /** The domain of the sender's address; empty when it has none. */
    public static Optional<String> domain(String from) {
        Matcher matcher = DOMAIN.matcher(from.strip());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
